from django.urls import path

from interop.views import crisis, exports, fhir, legacy, tokens

app_name = "interop"

# Under /interop/ (star/urls.py); the API is at /api/v1/, in public_urls.py.

urlpatterns = [
    path("tokens/", tokens.token_list, name="token_list"),
    path("tokens/new/", tokens.token_new, name="token_new"),
    path("tokens/<int:token_id>/", tokens.token_detail, name="token_detail"),
    path("tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("tokens/<int:token_id>/expire/", tokens.token_expire, name="token_expire"),
    path("exports/", exports.export_list, name="export_list"),
    path("exports/<slug:list_name>.csv", exports.export_csv, name="export_csv"),
    path("exports/<slug:list_name>.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("people/<uuid:person_id>/fhir/", fhir.person_record, name="fhir_record"),
    path("people/<uuid:person_id>/crisis-plan/", crisis.crisis_plan_recipients, name="crisis_plan"),
    path("people/<uuid:person_id>/crisis-plan/<int:share_id>/fhir/", crisis.crisis_plan_fhir, name="crisis_plan_fhir"),
    path("people/<uuid:person_id>/crisis-plan/<int:share_id>/pdf/", crisis.crisis_plan_pdf_download, name="crisis_plan_pdf"),
    path(
        "people/<uuid:person_id>/crisis-plan/<int:share_id>/consent/<slug:change>/",
        crisis.crisis_plan_consent,
        name="crisis_plan_consent",
    ),
    path("import/", legacy.import_start, name="legacy_start"),
    path("import/<int:run_id>/columns/", legacy.import_map, name="legacy_map"),
    path("import/<int:run_id>/preview/", legacy.import_preview, name="legacy_preview"),
    path("import/<int:run_id>/import/", legacy.import_go, name="legacy_import"),
    path("import/<int:run_id>/", legacy.import_result, name="legacy_result"),
    path("import/<int:run_id>/problems.csv", legacy.import_errors, name="legacy_problems"),
    path("import/<int:run_id>/rows-not-imported.csv", legacy.import_refused_rows, name="legacy_refused_rows"),
]
