from django.urls import path

from reports.views import costs, dashboard, exports

app_name = "reports"

# Under /reports/ (star/urls.py).

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("equality/", dashboard.equality_page, name="equality"),
    path("report.pdf", dashboard.quarterly_pdf, name="quarterly_pdf"),
    path("tables/<slug:key>.<str:fmt>", exports.export_table, name="export_table"),
    path("mhsds.csv", exports.mhsds_extract, name="mhsds_extract"),
    path("costs/", costs.costs, name="costs"),
    path("costs/baseline/", costs.baseline, name="baseline"),
]
