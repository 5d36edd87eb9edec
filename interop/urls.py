from django.urls import include, path

from interop.views import crisis, exports, fhir, legacy, tokens

app_name = "interop"

urlpatterns = [
    path("api/v1/", include("interop.api.urls")),
    path("interop/tokens/", tokens.token_list, name="token_list"),
    path("interop/tokens/new/", tokens.token_new, name="token_new"),
    path("interop/tokens/<int:token_id>/", tokens.token_detail, name="token_detail"),
    path("interop/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("interop/tokens/<int:token_id>/expire/", tokens.token_expire, name="token_expire"),
    path("interop/exports/", exports.export_list, name="export_list"),
    path("interop/exports/<slug:list_name>.csv", exports.export_csv, name="export_csv"),
    path("interop/exports/<slug:list_name>.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("interop/people/<uuid:person_id>/fhir/", fhir.person_record, name="fhir_record"),
    path("interop/people/<uuid:person_id>/crisis-plan/", crisis.crisis_plan_recipients, name="crisis_plan"),
    path("interop/people/<uuid:person_id>/crisis-plan/<int:share_id>/fhir/", crisis.crisis_plan_fhir, name="crisis_plan_fhir"),
    path("interop/people/<uuid:person_id>/crisis-plan/<int:share_id>/pdf/", crisis.crisis_plan_pdf_download, name="crisis_plan_pdf"),
    path(
        "interop/people/<uuid:person_id>/crisis-plan/<int:share_id>/consent/<slug:change>/",
        crisis.crisis_plan_consent,
        name="crisis_plan_consent",
    ),
    path("interop/import/", legacy.import_start, name="legacy_start"),
    path("interop/import/<int:run_id>/columns/", legacy.import_map, name="legacy_map"),
    path("interop/import/<int:run_id>/preview/", legacy.import_preview, name="legacy_preview"),
    path("interop/import/<int:run_id>/import/", legacy.import_go, name="legacy_import"),
    path("interop/import/<int:run_id>/", legacy.import_result, name="legacy_result"),
    path("interop/import/<int:run_id>/problems.csv", legacy.import_errors, name="legacy_problems"),
    path("interop/import/<int:run_id>/rows-not-imported.csv", legacy.import_refused_rows, name="legacy_refused_rows"),
]
