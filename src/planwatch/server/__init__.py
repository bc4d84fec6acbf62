"""The planning office's web application, one Django app per domain, each laid out alike (models, services,
views, forms, access, urls, templates/<app>/, admin, migrations; only the files it needs):

accounts    departments, membership, the audit trail, logging in, the access rules every app uses
plans       plans and their indicators, upload → review → confirm, cell corrections, evaluation settings
monitoring  the yearly figures, entered one by one or imported from a workbook, and the blank workbook
reports     the evaluation pages (dashboard, indicator) and the report downloads
tasks       the plan's tasks and commitments, assigned, reported on, exported and imported
search      the plan's full text, indexed when the plan is stored
api         the JSON API

Shared: base.html and style.css (templates/, static/), the template filters (filters.py, a builtin), the
two-step imports (uploads.py).
"""
