from django.urls import path

from reports.views import costs, dashboard, exports

app_name = "reports"

urlpatterns = [
    path("reports/", dashboard.dashboard, name="dashboard"),
    path("reports/equality/", dashboard.equality_page, name="equality"),
    path("reports/report.pdf", dashboard.quarterly_pdf, name="quarterly_pdf"),
    path("reports/tables/<slug:key>.<str:fmt>", exports.export_table, name="export_table"),
    path("reports/mhsds.csv", exports.mhsds_extract, name="mhsds_extract"),
    path("reports/costs/", costs.costs, name="costs"),
    path("reports/costs/baseline/", costs.baseline, name="baseline"),
]
