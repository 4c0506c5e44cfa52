#!/usr/bin/env python3
"""Writes tests/data/saml/cases/*.xml: one Response per check of federation/saml_response, each response.xml with
one thing broken. Each file says, in its first comment, what it breaks and what read_response must answer
("expect: ok", or "expect: <code>: <words of the message>") and which parts the test signs with the test IdP's key
("sign: response assertion" by default). Run again after changing response.xml or the list below; the C++ test
(tests/unit/federation/saml_response_test.cpp) reads the files, fills {{now}}-style times and signs them."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = open(os.path.join(HERE, "response.xml"), encoding="utf-8").read()
REFUSED = "saml-response"

SUCCESS = 'samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>'
ISSUER_FORMAT = ' Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity"'
RESPONSE_ISSUER = ISSUER_FORMAT + '>https://idp.example</saml:Issuer><samlp:Status>'


def once(old, new, nth=1):
    """Replaces the nth occurrence of old (1-based) with new."""
    def change(text):
        at = -1
        for _ in range(nth):
            at = text.find(old, at + 1)
            assert at >= 0, (old, nth)
        return text[:at] + new + text[at + len(old):]
    return change


def error_status(code, message=None):
    status = ('samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode '
              'Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode>')
    if message:
        status += "<samlp:StatusMessage>%s</samlp:StatusMessage>" % message
    def change(text):
        text = text.replace(SUCCESS, status)
        return text[:text.find("<saml:Assertion")] + "</samlp:Response>"
    return change


# name, what it breaks, expect, change, signed parts
CASES = [
    ("ok", "nothing: a correct Response", "ok", lambda t: t, "response assertion"),
    ("ok-assertion-signed-only", "nothing: only the Assertion signed (SPID allows it)", "ok", lambda t: t, "assertion"),
    ("ok-milliseconds", "nothing: IssueInstant with milliseconds", "ok",
     once('IssueInstant="{{now}}"', 'IssueInstant="{{now_millis}}"'), "response assertion"),
    ("ok-level-above", "nothing: SpidL3 where SpidL2 was asked", "ok", once("SpidL2", "SpidL3"), "response assertion"),
    ("ok-issuer-without-format", "nothing: the Response's Issuer without Format", "ok",
     once(RESPONSE_ISSUER, '>https://idp.example</saml:Issuer><samlp:Status>'), "response assertion"),
    ("unsigned", "neither Response nor Assertion signed", REFUSED + ": not signed", lambda t: t, ""),
    ("assertion-unsigned", "the Response signed, the Assertion not", REFUSED + ": not signed", lambda t: t, "response"),
    ("not-a-response", "the root is an AuthnRequest", REFUSED + ": not a samlp:Response",
     lambda t: t.replace("samlp:Response", "samlp:AuthnRequest"), ""),
    ("malformed", "not well-formed XML", REFUSED + ": not a readable", lambda t: t[:-20], ""),
    ("doctype", "a DOCTYPE with an entity", REFUSED + ": not a readable",
     once("<samlp:Response ", '<!DOCTYPE r [<!ENTITY e "x">]><samlp:Response '), ""),
    ("id-empty", "the Response's ID empty", REFUSED + ": Response has no ID", once('ID="_response-1"', 'ID=""'), ""),
    ("id-missing", "the Response's ID missing", REFUSED + ": Response has no ID", once(' ID="_response-1"', ""), ""),
    ("version", "the Response's Version 1.0", REFUSED + ": Version is not 2.0", once('Version="2.0"', 'Version="1.0"'), ""),
    ("issue-instant-empty", "the Response's IssueInstant empty", REFUSED + ": no IssueInstant",
     once('IssueInstant="{{now}}"', 'IssueInstant=""'), ""),
    ("issue-instant-missing", "the Response's IssueInstant missing", REFUSED + ": no IssueInstant",
     once(' IssueInstant="{{now}}"', ""), ""),
    ("issue-instant-format", "the Response's IssueInstant not a UTC date-time", REFUSED + ": not a UTC date-time",
     once('IssueInstant="{{now}}"', 'IssueInstant="05/12/2026 10:00"'), ""),
    ("issue-instant-before-request", "the Response issued before the request", REFUSED + ": before the request",
     once('IssueInstant="{{now}}"', 'IssueInstant="2018-01-01T00:00:00Z"'), ""),
    ("issue-instant-future", "the Response issued in the future", REFUSED + ": in the future",
     once('IssueInstant="{{now}}"', 'IssueInstant="2099-01-01T00:00:00Z"'), ""),
    ("in-response-to-empty", "InResponseTo empty", REFUSED + ": no InResponseTo",
     once('InResponseTo="_request-1"', 'InResponseTo=""'), ""),
    ("in-response-to-missing", "InResponseTo missing", REFUSED + ": no InResponseTo",
     once(' InResponseTo="_request-1"', ""), ""),
    ("in-response-to-other", "InResponseTo another request", REFUSED + ": answers another request",
     once('InResponseTo="_request-1"', 'InResponseTo="_request-2"'), ""),
    ("destination-empty", "Destination empty", REFUSED + ": no Destination",
     once('Destination="https://127.0.0.1:8443/saml/acs"', 'Destination=""'), ""),
    ("destination-missing", "Destination missing", REFUSED + ": no Destination",
     once(' Destination="https://127.0.0.1:8443/saml/acs"', ""), ""),
    ("destination-other", "Destination another ACS", REFUSED + ": Destination is not our ACS",
     once('Destination="https://127.0.0.1:8443/saml/acs"', 'Destination="https://evil.example/acs"'), ""),
    ("status-missing", "no Status", REFUSED + ": no Status",
     lambda t: t.replace("<samlp:Status><" + SUCCESS + "</samlp:Status>", ""), "response assertion"),
    ("status-code-missing", "Status without StatusCode", REFUSED + ": no StatusCode",
     lambda t: t.replace("<" + SUCCESS, ""), "response assertion"),
    ("status-requester", "StatusCode Requester, no SPID code", "saml-status: answered",
     lambda t: t.replace("status:Success", "status:Requester"), "response assertion"),
    ("issuer-missing", "the Response without Issuer", REFUSED + ": Response has no Issuer",
     once('<saml:Issuer' + ISSUER_FORMAT + '>https://idp.example</saml:Issuer>', ""), ""),
    ("issuer-other", "the Response's Issuer another IdP", REFUSED + ": Issuer is not the identity provider",
     once(">https://idp.example</saml:Issuer>", ">https://evil.example</saml:Issuer>"), ""),
    ("issuer-format-other", "the Response's Issuer Format not entity", REFUSED + ": Issuer Format is not the entity",
     once(ISSUER_FORMAT, ' Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient"'), ""),
    ("assertion-missing", "a Success without Assertion", REFUSED + ": exactly one Assertion",
     lambda t: t[:t.find("<saml:Assertion")] + "</samlp:Response>", "response"),
    ("assertion-id-empty", "the Assertion's ID empty (so the IdP could not sign it)", REFUSED + ": not signed",
     once('ID="_assertion-1"', 'ID=""'), "response"),
    ("assertion-version", "the Assertion's Version 1.0", REFUSED + ": Assertion's Version is not 2.0",
     once('Version="2.0"', 'Version="1.0"', 2), "response assertion"),
    ("assertion-issue-instant-missing", "the Assertion's IssueInstant missing", REFUSED + ": Assertion has no IssueInstant",
     once(' IssueInstant="{{now}}"', "", 2), "response assertion"),
    ("assertion-issue-instant-format", "the Assertion's IssueInstant malformed", REFUSED + ": not a UTC date-time",
     once('IssueInstant="{{now}}"', 'IssueInstant="2026-12-05T10:00"', 2), "response assertion"),
    ("assertion-issue-instant-before", "the Assertion issued before the request", REFUSED + ": before the request",
     once('IssueInstant="{{now}}"', 'IssueInstant="2000-01-01T12:00:00Z"', 2), "response assertion"),
    ("assertion-issue-instant-future", "the Assertion issued in the future", REFUSED + ": in the future",
     once('IssueInstant="{{now}}"', 'IssueInstant="2099-01-01T00:00:00Z"', 2), "response assertion"),
    ("assertion-issuer-other", "the Assertion's Issuer another IdP", REFUSED + ": Assertion's Issuer is not",
     once(">https://idp.example</saml:Issuer>", ">https://evil.example</saml:Issuer>", 2), "response assertion"),
    ("assertion-issuer-format-missing", "the Assertion's Issuer without Format", REFUSED + ": Issuer has no Format",
     once(ISSUER_FORMAT, "", 2), "response assertion"),
    ("subject-missing", "the Assertion without Subject", REFUSED + ": no Subject",
     lambda t: t[:t.find("<saml:Subject>")] + t[t.find("</saml:Subject>") + 15:], "response assertion"),
    ("name-id-missing", "Subject without NameID", REFUSED + ": no NameID",
     lambda t: t[:t.find("<saml:NameID")] + t[t.find("</saml:NameID>") + 14:], "response assertion"),
    ("name-id-format", "NameID persistent", REFUSED + ": not transient",
     once("nameid-format:transient", "nameid-format:persistent"), "response assertion"),
    ("name-id-qualifier-missing", "NameID without NameQualifier", REFUSED + ": no NameQualifier",
     once(' NameQualifier="https://idp.example"', ""), "response assertion"),
    ("confirmation-missing", "Subject without SubjectConfirmation", REFUSED + ": no SubjectConfirmation",
     lambda t: t[:t.find("<saml:SubjectConfirmation ")] + t[t.find("</saml:SubjectConfirmation>") + 27:],
     "response assertion"),
    ("confirmation-method", "SubjectConfirmation Method holder-of-key", REFUSED + ": not bearer",
     once("cm:bearer", "cm:holder-of-key"), "response assertion"),
    ("confirmation-data-missing", "no SubjectConfirmationData", REFUSED + ": no SubjectConfirmationData",
     lambda t: t[:t.find("<saml:SubjectConfirmationData")] + t[t.find("/></saml:SubjectConfirmation>") + 2:],
     "response assertion"),
    ("recipient-missing", "no Recipient", REFUSED + ": no Recipient",
     once(' Recipient="https://127.0.0.1:8443/saml/acs"', ""), "response assertion"),
    ("recipient-other", "Recipient another ACS", REFUSED + ": Recipient is not our ACS",
     once('Recipient="https://127.0.0.1:8443/saml/acs"', 'Recipient="https://evil.example/acs"'), "response assertion"),
    ("confirmation-in-response-to-missing", "SubjectConfirmationData without InResponseTo",
     REFUSED + ": SubjectConfirmationData has no InResponseTo", once(' InResponseTo="_request-1"', "", 2),
     "response assertion"),
    ("confirmation-in-response-to-other", "SubjectConfirmationData answering another request",
     REFUSED + ": SubjectConfirmationData answers another request",
     once('InResponseTo="_request-1"', 'InResponseTo="_request-2"', 2), "response assertion"),
    ("confirmation-not-on-or-after-missing", "SubjectConfirmationData without NotOnOrAfter",
     REFUSED + ": SubjectConfirmationData has no NotOnOrAfter", once(' NotOnOrAfter="{{in_5_minutes}}"', ""),
     "response assertion"),
    ("confirmation-not-on-or-after-format", "SubjectConfirmationData's NotOnOrAfter malformed",
     REFUSED + ": not a UTC date-time", once('NotOnOrAfter="{{in_5_minutes}}"', 'NotOnOrAfter="soon"'),
     "response assertion"),
    ("confirmation-expired", "SubjectConfirmationData expired", REFUSED + ": SubjectConfirmationData has expired",
     once('NotOnOrAfter="{{in_5_minutes}}"', 'NotOnOrAfter="{{ten_minutes_ago}}"'), "response assertion"),
    ("conditions-missing", "no Conditions", REFUSED + ": no Conditions",
     lambda t: t[:t.find("<saml:Conditions")] + t[t.find("</saml:Conditions>") + 18:], "response assertion"),
    ("not-before-missing", "Conditions without NotBefore", REFUSED + ": no NotBefore",
     once(' NotBefore="{{now}}"', ""), "response assertion"),
    ("not-before-format", "NotBefore malformed", REFUSED + ": not a UTC date-time",
     once('NotBefore="{{now}}"', 'NotBefore="yesterday"'), "response assertion"),
    ("not-before-future", "Conditions valid only later", REFUSED + ": not valid yet",
     once('NotBefore="{{now}}"', 'NotBefore="2099-01-01T00:00:00Z"'), "response assertion"),
    ("conditions-not-on-or-after-missing", "Conditions without NotOnOrAfter", REFUSED + ": Conditions has no NotOnOrAfter",
     once(' NotOnOrAfter="{{in_5_minutes}}"', "", 2), "response assertion"),
    ("conditions-expired", "Conditions expired", REFUSED + ": Conditions have expired",
     once('NotOnOrAfter="{{in_5_minutes}}"', 'NotOnOrAfter="{{ten_minutes_ago}}"', 2), "response assertion"),
    ("audience-restriction-missing", "no AudienceRestriction", REFUSED + ": no AudienceRestriction",
     lambda t: t[:t.find("<saml:AudienceRestriction>")] + t[t.find("</saml:AudienceRestriction>") + 27:],
     "response assertion"),
    ("audience-missing", "AudienceRestriction without Audience", REFUSED + ": no Audience",
     lambda t: t.replace("<saml:Audience>https://sportello.example/spid</saml:Audience>", ""), "response assertion"),
    ("audience-other", "Audience another SP", REFUSED + ": Audience is not this service provider",
     once(">https://sportello.example/spid<", ">https://other.example/spid<"), "response assertion"),
    ("authn-statement-missing", "no AuthnStatement", REFUSED + ": no AuthnStatement",
     lambda t: t[:t.find("<saml:AuthnStatement")] + t[t.find("</saml:AuthnStatement>") + 22:], "response assertion"),
    ("authn-context-missing", "AuthnStatement without AuthnContext", REFUSED + ": no AuthnContext",
     lambda t: t[:t.find("<saml:AuthnContext>")] + t[t.find("</saml:AuthnContext>") + 20:], "response assertion"),
    ("class-ref-missing", "AuthnContext without AuthnContextClassRef", REFUSED + ": no AuthnContextClassRef",
     once("<saml:AuthnContextClassRef>https://www.spid.gov.it/SpidL2</saml:AuthnContextClassRef>", ""),
     "response assertion"),
    ("class-ref-empty", "AuthnContextClassRef empty", REFUSED + ": no AuthnContextClassRef",
     once("https://www.spid.gov.it/SpidL2", ""), "response assertion"),
    ("level-below", "SpidL1 where SpidL2 was asked", REFUSED + ": below the one asked for",
     once("SpidL2", "SpidL1"), "response assertion"),
    ("level-unknown", "an AuthnContextClassRef of an old specification", REFUSED + ": not a SPID level",
     once("https://www.spid.gov.it/SpidL2", "urn:oasis:names:tc:SAML:2.0:ac:classes:SpidL2"), "response assertion"),
    ("attributes-empty", "an AttributeStatement without Attribute", REFUSED + ": holds no Attribute",
     lambda t: t[:t.find("<saml:Attribute ")] + t[t.find("</saml:AttributeStatement>"):], "response assertion"),
    ("encrypted-assertion", "an EncryptedAssertion beside the Assertion", REFUSED + ": encrypted Assertion",
     once("<saml:Assertion ", "<saml:EncryptedAssertion/><saml:Assertion "), "response assertion"),
    ("two-assertions", "a second, unsigned Assertion", REFUSED + ": exactly one Assertion",
     once("</samlp:Response>", '<saml:Assertion ID="_assertion-2" Version="2.0"/></samlp:Response>'), "response assertion"),
    ("changed-after-signing", "the fiscalNumber changed after the IdP signed", REFUSED + ": does not verify",
     lambda t: t, "response assertion tamper"),
]
for number in range(19, 26):
    CASES.append(("spid-nr%d" % number, "the IdP's ErrorCode nr%d" % number, "spid-nr%d: ErrorCode nr%d" % (number, number),
                  error_status(number, "ErrorCode nr%d" % number), "response"))
CASES.append(("status-authn-failed", "AuthnFailed without a SPID code", "saml-status: answered",
              error_status(0), "response"))


def main():
    folder = os.path.join(HERE, "cases")
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):
        os.remove(os.path.join(folder, old))
    declaration, body = BASE.split("\n", 1)
    for name, breaks, expect, change, sign in CASES:
        header = "<!-- breaks: %s\n     expect: %s\n     sign: %s -->" % (breaks, expect, sign or "nothing")
        with open(os.path.join(folder, name + ".xml"), "w", encoding="utf-8") as f:
            f.write(declaration + "\n" + header + "\n" + change(body))
    print("wrote %d cases" % len(CASES))


if __name__ == "__main__":
    main()
