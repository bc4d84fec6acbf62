"""The search page: a plan's sections holding the words asked for, best first, with the passages that hold them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from planwatch.server.accounts.access import read_access
from planwatch.server.plans.models import Plan
from planwatch.server.search.services import search


@read_access
def plan_search(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    query = request.GET.get("q", "").strip()
    results = search(plan, query) if query else []
    return render(request, "search/results.html", {"plan": plan, "query": query, "results": results})
