"""The claims of the sandbox's ID token and userinfo: who the person is and how well the account is proven."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from sandboxes.people import people


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "pid": "profile", "loa": "profile", "synthetic": "profile"}

    def get_additional_claims(self, request):
        person = people()[request.user.username]
        return {
            "sub": person.pid,
            "pid": person.pid,
            "name": person.full_name,
            "birthdate": person.birth_date.isoformat(),
            "loa": person.assurance_level,
            "synthetic": True,
        }
