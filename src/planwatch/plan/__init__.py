"""The plan package: what every other part of planwatch speaks.

`model` holds the plan as read (outline, tables, tasks, commitments) and the indicators and
observations it is judged with; `cells` is the grammar that reads a target cell; `tables` says
which figures a table's columns and rows hold; `vocabulary` holds every word of the domain once. It
imports nothing else of planwatch.
"""
