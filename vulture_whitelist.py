"""Names that code outside STaR calls: vulture (`make lint`, scripts/dead_code.py) cannot see
those uses, so they are named here. Django hooks found by a naming convention (`clean_*`,
`has_*_permission`, each app's `*Config`) are in pyproject.toml's [tool.vulture] instead.

Add a name here only when a library calls it; code nothing calls is removed.
"""

# Django: settings.DATABASE_ROUTERS (core.replicas.ReplicaRouter).
_.db_for_read
_.allow_relation
_.allow_migrate

# Django forms: a ModelChoiceField's text for each choice.
_.label_from_instance

# django-otp-webauthn: its helper class (settings) and its views' hooks.
_.get_relying_party_domain
_.get_allowed_origins
_.complete_auth
_.get_success_url

# Django REST framework and drf-spectacular: authentication, permissions, and the API schema's
# security scheme (an extension registered by subclassing).
_.authenticate_header
_.has_permission
_.ApiTokenScheme
_.get_security_definition

# The standard library's html.parser and http.server: a parser's and a request handler's hooks.
_.handle_starttag
_.handle_endtag
_.handle_data
_.do_GET
_.log_message

# locust (`make load`): a user's start and the user classes, found by subclassing.
_.on_start
_.Manager

# Django query expressions: the ORM calls these on an Expression subclass (community/nearby.py).
_.get_source_expressions
_.set_source_expressions
