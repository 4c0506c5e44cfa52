#!/usr/bin/python3
"""Proves that tests/support/test_idp.py works, with pysaml2's own SP client (saml2.client.Saml2Client) as the SP.

Starts the test IdP on a free loopback port with the metadata of an SP made here (its own key and certificate,
an AssertionConsumerService that nobody listens on: the forms the IdP answers with are read, not followed), then
drives every path the browser and end-to-end tests rely on: log-in by HTTP-Redirect and HTTP-POST, refused
requests, a wrong password, Annulla, the forced SPID errors, single logout both ways.

    /usr/bin/python3 tests/support/test_idp_selftest.py
"""
import base64
import html.parser
import json
import logging
import os
import re
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import warnings
import xml.etree.ElementTree as ElementTree
import zlib

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.pack import deflate_and_base64_encode
from saml2.response import StatusAuthnFailed
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_TRANSIENT, AuthnContextClassRef
from saml2.samlp import RequestedAuthnContext
from saml2.sigver import verify_redirect_signature
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

HERE = os.path.dirname(os.path.abspath(__file__))
SP_ID = "https://sp.example.test/sportello"
ACS = "http://127.0.0.1:9/spid/acs"
SLO = "http://127.0.0.1:9/spid/slo"
NS = {"samlp": "urn:oasis:names:tc:SAML:2.0:protocol", "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
      "ds": "http://www.w3.org/2000/09/xmldsig#"}
SP_METADATA = """<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
  xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:spid="https://spid.gov.it/saml-extensions"
  entityID="{entity}">
 <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true"
   WantAssertionsSigned="true">
  <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate>
  </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
  <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{slo}"/>
  <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{slo}"/>
  <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{acs}"
    index="0" isDefault="true"/>
  <md:AttributeConsumingService index="0">
   <md:ServiceName xml:lang="it">Sportello</md:ServiceName>
   <md:RequestedAttribute Name="fiscalNumber" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"/>
   <md:RequestedAttribute Name="name" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"/>
   <md:RequestedAttribute Name="familyName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"/>
   <md:RequestedAttribute Name="email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"/>
  </md:AttributeConsumingService>
 </md:SPSSODescriptor>
 <md:Organization><md:OrganizationName xml:lang="it">Istituto di prova</md:OrganizationName>
  <md:OrganizationDisplayName xml:lang="it">Istituto di prova</md:OrganizationDisplayName>
  <md:OrganizationURL xml:lang="it">https://sp.example.test/</md:OrganizationURL></md:Organization>
 <md:ContactPerson contactType="other"><md:Extensions><spid:IPACode>ipa_test</spid:IPACode><spid:Public/>
  </md:Extensions><md:EmailAddress>spid@example.test</md:EmailAddress></md:ContactPerson>
</md:EntityDescriptor>
"""


def make_key_pair(folder, name):
    key, cert = os.path.join(folder, name + "-key.pem"), os.path.join(folder, name + "-cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes", "-days", "2",
                    "-subj", "/CN=%s/C=IT" % name, "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return key, cert


def sp_client(folder, idp_metadata, entity_id, key, cert):
    config = SPConfig()
    config.load({
        "entityid": entity_id, "xmlsec_binary": "/usr/bin/xmlsec1", "key_file": key, "cert_file": cert,
        "allow_unknown_attributes": True, "only_use_keys_in_metadata": True,
        "signing_algorithm": SIG_RSA_SHA256, "digest_algorithm": DIGEST_SHA256,
        "metadata": {"local": [idp_metadata]},
        "service": {"sp": {
            "endpoints": {"assertion_consumer_service": [(ACS, BINDING_HTTP_POST)],
                          "single_logout_service": [(SLO, BINDING_HTTP_REDIRECT), (SLO, BINDING_HTTP_POST)]},
            "name_id_format": NAMEID_FORMAT_TRANSIENT, "requested_attribute_name_format": NAME_FORMAT_BASIC,
            "authn_requests_signed": True, "logout_requests_signed": True,
            "want_response_signed": True, "want_assertions_signed": True,
        }},
    })
    return Saml2Client(config)


class Forms(html.parser.HTMLParser):
    """The forms of a page: action, method and every named input's value (hidden ones included)."""

    def __init__(self, text):
        super().__init__()
        self.forms, self.title, self.in_title, self.lang = [], "", False, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "title":
            self.in_title = True
        elif tag == "form":
            self.forms.append({"action": attrs.get("action"), "method": attrs.get("method"), "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            if attrs.get("type") != "radio" or "checked" in attrs:
                self.forms[-1]["fields"][attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url, fields=None):
    """(status, headers, body text) of a GET, or of a form POST when fields are given; never follows redirects."""
    data = urllib.parse.urlencode(fields).encode("ascii") if fields is not None else None
    try:
        with OPENER.open(url, data, timeout=20) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def problem_code(body):
    start = body.find('data-code="')
    return body[start + 11:body.find('"', start + 11)] if start >= 0 else None


def spid_level(level, comparison="minimum"):
    return RequestedAuthnContext(authn_context_class_ref=[AuthnContextClassRef(
        text="https://www.spid.gov.it/Spid" + level)], comparison=comparison)


class TestIdPSelfTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.started = time.monotonic()
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="saml2")  # unittest resets filters
        cls.folder = tempfile.mkdtemp(prefix="test-idp-selftest-")
        cls.key, cls.cert = make_key_pair(cls.folder, "sp")
        with open(cls.cert) as source:
            body = "".join(line.strip() for line in source if "-----" not in line)
        sp_metadata = os.path.join(cls.folder, "sp-metadata.xml")
        with open(sp_metadata, "w") as out:
            out.write(SP_METADATA.format(entity=SP_ID, cert=body, acs=ACS, slo=SLO))
        cls.work = os.path.join(cls.folder, "idp")
        cls.idp = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "test_idp.py"), "--port", "0", "--sp-metadata", sp_metadata,
             "--work", cls.work], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        try:
            cls.base = cls.wait_ready()
            cls.client = sp_client(cls.folder, os.path.join(cls.work, "idp-metadata.xml"), SP_ID, cls.key, cls.cert)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def wait_ready(cls):
        selector = selectors.DefaultSelector()
        selector.register(cls.idp.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if selector.select(timeout=0.5):
                line = cls.idp.stdout.readline()
                if line.startswith("READY "):
                    return line.split()[1]
                if not line:
                    break
        raise RuntimeError("the test IdP did not print READY (exit status %s)" % cls.idp.poll())

    @classmethod
    def tearDownClass(cls):
        if cls.idp.poll() is None:
            cls.idp.terminate()
            try:
                cls.idp.wait(timeout=10)
            except subprocess.TimeoutExpired:
                cls.idp.kill()
                cls.idp.wait()
        cls.idp.stdout.close()
        shutil.rmtree(cls.folder, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------------------------------

    def redirect_request(self, level="L2", force_authn="true", relay_state="/pratiche?x=1&y=è",
                         comparison="minimum", **kwargs):
        """A signed AuthnRequest by HTTP-Redirect as pysaml2's SP makes it: (request ID, the /sso URL)."""
        extra = {"force_authn": force_authn} if force_authn else {}
        request_id, info = self.client.prepare_for_authenticate(
            entityid=self.base, relay_state=relay_state, binding=BINDING_HTTP_REDIRECT, sigalg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256, requested_authn_context=spid_level(level, comparison),
            attribute_consuming_service_index="0", **extra, **kwargs)
        return request_id, dict(info["headers"])["Location"]

    def post_request(self, level="L2", client=None, tamper=None, sign=True, **kwargs):
        """A signed AuthnRequest for HTTP-POST: (request ID, the form fields to post to /sso)."""
        client = client or self.client
        request_id, request = client.create_authn_request(
            self.base + "/sso", sign=sign, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256,
            requested_authn_context=spid_level(level), force_authn="true", **kwargs)
        xml = str(request)
        if tamper:
            xml = tamper(xml)
        return request_id, {"SAMLRequest": base64.b64encode(xml.encode("utf-8")).decode("ascii"),
                            "RelayState": "post-relay"}

    def login_page(self, url=None, fields=None):
        status, _, body = fetch(url or self.base + "/sso", fields)
        self.assertEqual(status, 200, body)
        page = Forms(body)
        self.assertEqual(page.title, "Test IdP — Accesso SPID")
        return page.forms[0]["fields"]

    def submit(self, login_fields, **changes):
        fields = dict(login_fields, action="login")
        fields.update(changes)
        status, _, body = fetch(self.base + "/login", fields)
        self.assertEqual(status, 200, body)
        return body

    def auto_post(self, body, action):
        form = Forms(body).forms[0]
        self.assertEqual(form["action"], action)
        self.assertEqual(form["method"], "post")
        self.assertIn(">Continua</button>", body)
        self.assertIn("document.forms[0].submit()", body)
        return form["fields"]

    def last(self):
        return json.loads(fetch(self.base + "/test/last")[2])

    def check_success(self, request_id, fields, relay_state, level="SpidL2"):
        self.assertEqual(fields["RelayState"], relay_state)
        xml = base64.b64decode(fields["SAMLResponse"]).decode("utf-8")
        answer = self.client.parse_authn_request_response(fields["SAMLResponse"], BINDING_HTTP_POST,
                                                           outstanding={request_id: "/"})
        self.assertEqual(answer.ava["fiscalNumber"], ["TINIT-RSSMRA85T10H501O"])
        self.assertEqual(answer.ava["name"], ["Mario"])
        self.assertEqual(answer.ava["familyName"], ["Rossi"])
        self.assertEqual(answer.ava["email"], ["mario.rossi@example.it"])
        self.assertNotIn("mobilePhone", answer.ava)  # not requested by AttributeConsumingService 0
        self.assertEqual(answer.authn_info()[0][0], "https://www.spid.gov.it/" + level)
        root = ElementTree.fromstring(xml)
        self.assertEqual(root.get("InResponseTo"), request_id)
        self.assertEqual(root.get("Destination"), ACS)
        self.assertEqual(root.get("Version"), "2.0")
        issuer = root.find("saml:Issuer", NS)
        self.assertEqual(issuer.text, self.base)
        self.assertEqual(issuer.get("Format"), "urn:oasis:names:tc:SAML:2.0:nameid-format:entity")
        assertions = root.findall("saml:Assertion", NS)
        self.assertEqual(len(assertions), 1)
        assertion = assertions[0]
        for signed in (root, assertion):  # both signed, enveloped, RSA-SHA256 + SHA-256, Reference to own ID
            signature = signed.find("ds:Signature", NS)
            self.assertIsNotNone(signature)
            self.assertEqual(signature.find("ds:SignedInfo/ds:Reference", NS).get("URI"), "#" + signed.get("ID"))
            self.assertEqual(signature.find("ds:SignedInfo/ds:SignatureMethod", NS).get("Algorithm"),
                             SIG_RSA_SHA256)
            self.assertEqual(signature.find("ds:SignedInfo/ds:Reference/ds:DigestMethod", NS).get("Algorithm"),
                             DIGEST_SHA256)
            self.assertIsNotNone(signature.find("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS))
        self.assertEqual(assertion.find("saml:Issuer", NS).get("Format"),
                         "urn:oasis:names:tc:SAML:2.0:nameid-format:entity")
        name_id = assertion.find("saml:Subject/saml:NameID", NS)
        self.assertEqual(name_id.get("Format"), NAMEID_FORMAT_TRANSIENT)
        self.assertEqual(name_id.get("NameQualifier"), self.base)
        data = assertion.find("saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData", NS)
        self.assertEqual((data.get("Recipient"), data.get("InResponseTo")), (ACS, request_id))
        self.assertTrue(data.get("NotOnOrAfter"))
        conditions = assertion.find("saml:Conditions", NS)
        self.assertTrue(conditions.get("NotBefore") and conditions.get("NotOnOrAfter"))
        self.assertEqual(conditions.find("saml:AudienceRestriction/saml:Audience", NS).text, SP_ID)
        statement = assertion.find("saml:AuthnStatement", NS)
        self.assertTrue(statement.get("SessionIndex") and statement.get("AuthnInstant"))
        for attribute in assertion.findall("saml:AttributeStatement/saml:Attribute", NS):
            self.assertEqual(attribute.get("NameFormat"), NAME_FORMAT_BASIC)
            self.assertEqual(attribute.find("saml:AttributeValue", NS).get(
                "{http://www.w3.org/2001/XMLSchema-instance}type"), "xs:string")
        return answer, xml

    def check_error(self, fields, code, request_id=None):
        xml = base64.b64decode(fields["SAMLResponse"]).decode("utf-8")
        root = ElementTree.fromstring(xml)
        self.assertIsNone(root.find("saml:Assertion", NS))
        status = root.find("samlp:Status", NS)
        outer = status.find("samlp:StatusCode", NS)
        self.assertEqual(outer.get("Value"), "urn:oasis:names:tc:SAML:2.0:status:Responder")
        self.assertEqual(outer.find("samlp:StatusCode", NS).get("Value"),
                         "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed")
        self.assertEqual(status.find("samlp:StatusMessage", NS).text, "ErrorCode " + code)
        self.assertIsNotNone(root.find("ds:Signature", NS))
        self.assertTrue(self.client.sec.correctly_signed_response(xml, must=True, require_response_signature=True))
        with self.assertRaises(StatusAuthnFailed):  # and pysaml2's SP takes it as the failure it is
            self.client.parse_authn_request_response(fields["SAMLResponse"], BINDING_HTTP_POST,
                                                     outstanding={request_id or root.get("InResponseTo"): "/"})

    def logged_in(self):
        request_id, url = self.redirect_request()
        fields = self.auto_post(self.submit(self.login_page(url), password="password"), ACS)
        answer, _ = self.check_success(request_id, fields, "/pratiche?x=1&y=è")
        return answer

    # -- the tests ------------------------------------------------------------------------------------------------

    def test_metadata(self):
        status, headers, body = fetch(self.base + "/metadata")
        self.assertEqual(status, 200)
        with open(os.path.join(self.work, "idp-metadata.xml"), encoding="utf-8") as source:
            self.assertEqual(body, source.read())
        root = ElementTree.fromstring(body)
        md = "{urn:oasis:names:tc:SAML:2.0:metadata}"
        self.assertEqual(root.get("entityID"), self.base)
        descriptor = root.find(md + "IDPSSODescriptor")
        self.assertEqual(descriptor.get("WantAuthnRequestsSigned"), "true")
        self.assertIsNotNone(descriptor.find(md + "KeyDescriptor[@use='signing']/ds:KeyInfo/ds:X509Data/"
                                                  "ds:X509Certificate", NS))
        for service, path in (("SingleSignOnService", "/sso"), ("SingleLogoutService", "/slo")):
            found = {(s.get("Binding").rsplit(":", 1)[-1], s.get("Location"))
                     for s in descriptor.findall(md + service)}
            self.assertEqual(found, {("HTTP-Redirect", self.base + path), ("HTTP-POST", self.base + path)})
        self.assertEqual(descriptor.find(md + "NameIDFormat").text, NAMEID_FORMAT_TRANSIENT)
        self.assertIsNotNone(root.find("ds:Signature", NS))

    def test_a_redirect_login(self):
        request_id, url = self.redirect_request()
        status, _, body = fetch(url)
        self.assertEqual(status, 200)
        page = Forms(body)
        self.assertEqual(page.lang, "it")
        for needle in ("<main>", "<h1>", '<label for="username">', '<label for="password">', '<label for="error">',
                       "<legend>", ">Entra</button>", ">Annulla</button>"):
            self.assertIn(needle, body)
        self.assertNotIn(page.forms[0]["fields"]["pending"], page.forms[0]["action"])
        # a `level` field cannot change the level: the answer has the one requested
        fields = self.auto_post(self.submit(page.forms[0]["fields"], password="password",
                                            level="https://www.spid.gov.it/SpidL3"), ACS)
        self.check_success(request_id, fields, "/pratiche?x=1&y=è")
        last = self.last()
        request = last["authn_request"]
        self.assertEqual((request["id"], request["binding"], request["relay_state"]),
                         (request_id, BINDING_HTTP_REDIRECT, "/pratiche?x=1&y=è"))
        self.assertTrue(request["signature_verified"])
        self.assertTrue(request["force_authn"])
        self.assertEqual(request["level"], "https://www.spid.gov.it/SpidL2")
        self.assertEqual(request["comparison"], "minimum")
        self.assertEqual(last["response"]["in_response_to"], request_id)
        self.assertEqual(last["response"]["status"], "urn:oasis:names:tc:SAML:2.0:status:Success")

    def test_b_post_login(self):
        request_id, form = self.post_request(level="L3", attribute_consuming_service_index="0")
        login = self.login_page(fields=form)
        fields = self.auto_post(self.submit(login, username="TEST0000000001", password="password"), ACS)
        self.check_success(request_id, fields, "post-relay", level="SpidL3")
        request = self.last()["authn_request"]
        self.assertEqual(request["binding"], BINDING_HTTP_POST)
        self.assertTrue(request["signature_verified"])

    def test_redirect_signature_over_the_query_as_sent(self):
        """Another SP may percent-encode otherwise (%20, lower-case hex): the bytes it signed are what count."""
        request_id, request = self.client.create_authn_request(
            self.base + "/sso", sign=False, requested_authn_context=spid_level("L2"), force_authn="true")

        def encode(value):
            return re.sub("%[0-9A-F]{2}", lambda m: m.group(0).lower(), urllib.parse.quote(value, safe=""))

        signed = "SAMLRequest=%s&RelayState=%s&SigAlg=%s" % (
            encode(deflate_and_base64_encode(str(request)).decode()), encode("a b/c"), encode(SIG_RSA_SHA256))
        signature = self.client.sec.sec_backend.get_signer(SIG_RSA_SHA256).sign(signed.encode("ascii"))
        url = self.base + "/sso?" + signed + "&Signature=" + encode(base64.b64encode(signature).decode())
        self.assertIn("%2f", url)
        fields = self.auto_post(self.submit(self.login_page(url), password="password"), ACS)
        self.check_success(request_id, fields, "a b/c")

    def test_level_1_needs_no_force_authn(self):
        request_id, url = self.redirect_request(level="L1", force_authn=None)
        fields = self.auto_post(self.submit(self.login_page(url), password="password"), ACS)
        self.check_success(request_id, fields, "/pratiche?x=1&y=è", level="SpidL1")
        self.assertFalse(self.last()["authn_request"]["force_authn"])

    def test_comparison_better_answers_the_next_level(self):
        request_id, url = self.redirect_request(level="L1", comparison="better")
        fields = self.auto_post(self.submit(self.login_page(url), password="password"), ACS)
        self.check_success(request_id, fields, "/pratiche?x=1&y=è", level="SpidL2")
        _, url = self.redirect_request(level="L3", comparison="better")
        self.refused("level", url)

    def refused(self, code, url=None, fields=None):
        status, _, body = fetch(url or self.base + "/sso", fields)
        self.assertEqual(status, 400, body)
        self.assertIn("<h1>Richiesta non valida</h1>", body)
        self.assertEqual(problem_code(body), code, body)
        self.assertNotIn("SAMLResponse", body)
        return body

    def test_c_bad_requests(self):
        # HTTP-Redirect without its signature, then with a SAMLRequest that is not the one signed
        _, url = self.redirect_request()
        unsigned = "&".join(p for p in url.split("&") if not p.startswith(("Signature=", "SigAlg=")))
        self.refused("signature-missing", unsigned)
        other_id, other = self.redirect_request()
        swapped = url.split("?")[0] + "?" + "&".join(
            [p for p in other.split("?")[1].split("&") if p.startswith("SAMLRequest=")] +
            [p for p in url.split("?")[1].split("&") if not p.startswith("SAMLRequest=")])
        self.refused("signature-invalid", swapped)
        self.assertFalse(self.last()["authn_request"]["signature_verified"])
        # HTTP-POST unsigned, and signed then altered
        _, form = self.post_request(sign=False)
        self.refused("signature-missing", fields=form)
        _, form = self.post_request(tamper=lambda xml: xml.replace(ACS, ACS + "x"))
        self.refused("signature-invalid", fields=form)
        # an SP not in the metadata, an ACS not in the metadata, a level SPID does not know, no ForceAuthn on L2
        stranger_key, stranger_cert = make_key_pair(self.folder, "stranger")
        stranger = sp_client(self.folder, os.path.join(self.work, "idp-metadata.xml"), "https://stranger.test/sp",
                             stranger_key, stranger_cert)
        _, form = self.post_request(client=stranger)
        body = self.refused("unknown-sp", fields=form)
        self.assertIn("https://stranger.test/sp", body)
        _, form = self.post_request(assertion_consumer_service_url="https://elsewhere.test/acs")
        self.refused("acs", fields=form)
        _, form = self.post_request(attribute_consuming_service_index="7")
        self.refused("attribute-index", fields=form)
        _, url = self.redirect_request(level="L4")
        self.refused("level", url)
        _, url = self.redirect_request(force_authn=None)
        self.refused("force-authn", url)
        # too old, and replayed
        _, form = self.post_request(issue_instant="2020-01-01T00:00:00Z")
        self.refused("issue-instant", fields=form)
        _, url = self.redirect_request()
        self.login_page(url)
        self.refused("replay", url)
        # an unknown forced error code
        _, url = self.redirect_request()
        self.refused("error-code", url + "&error=nr99")

    def test_d_wrong_password(self):
        request_id, url = self.redirect_request()
        login = self.login_page(url)
        body = self.submit(login, password="sbagliata")
        self.assertIn('id="login-error"', body)
        self.assertIn("Credenziali errate", body)
        self.assertNotIn("SAMLResponse", body)
        self.assertEqual(Forms(body).title, "Test IdP — Accesso SPID")
        body = self.submit(login, username="NESSUNO", password="password")
        self.assertIn('id="login-error"', body)
        # the same request can still be completed
        fields = self.auto_post(self.submit(login, password="password"), ACS)
        self.check_success(request_id, fields, "/pratiche?x=1&y=è")

    def test_e_cancel(self):
        request_id, url = self.redirect_request()
        login = self.login_page(url)
        fields = self.auto_post(self.submit(login, action="cancel"), ACS)
        self.assertEqual(fields["RelayState"], "/pratiche?x=1&y=è")
        self.check_error(fields, "nr25", request_id)
        last = self.last()["response"]
        self.assertEqual((last["error"], last["in_response_to"]), ("nr25", request_id))
        # the request is over: its login form is no longer accepted
        status, _, body = fetch(self.base + "/login", dict(login, action="login", password="password"))
        self.assertEqual((status, problem_code(body)), (400, "pending-unknown"))

    def test_f_forced_errors(self):
        for code in ("nr19", "nr20", "nr21", "nr22", "nr23"):
            with self.subTest(code=code):
                request_id, url = self.redirect_request()
                fields = self.auto_post(self.submit(self.login_page(url), error=code), ACS)
                self.check_error(fields, code, request_id)

    def test_f_forced_error_by_parameter(self):
        request_id, url = self.redirect_request()
        status, _, body = fetch(url + "&error=nr22")
        self.assertEqual(status, 200)
        self.assertIn('<option value="nr22" selected>', body)
        login = Forms(body).forms[0]["fields"]  # without the select: the IdP falls back to the forced error
        self.assertNotIn("error", login)
        fields = self.auto_post(self.submit(login, password="password"), ACS)
        self.check_error(fields, "nr22", request_id)

    def test_g_sp_initiated_logout_redirect(self):
        answer = self.logged_in()
        session_index = answer.assertion.authn_statement[0].session_index
        self.assertEqual(len([s for s in self.last()["sessions"] if s["name_id"] == answer.name_id.text]), 1)
        request_id, request = self.client.create_logout_request(
            self.base + "/slo", self.base, name_id=answer.name_id, session_indexes=[session_index], sign=False)
        info = self.client.apply_binding(BINDING_HTTP_REDIRECT, str(request), self.base + "/slo", "logout-relay",
                                         sign=True, sigalg=SIG_RSA_SHA256)
        status, headers, _ = fetch(dict(info["headers"])["Location"])
        self.assertEqual(status, 303)
        location = headers["Location"]
        self.assertTrue(location.startswith(SLO + "?"))
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
        self.assertEqual(query["RelayState"], "logout-relay")
        self.assertEqual(query["SigAlg"], SIG_RSA_SHA256)
        idp_cert = self.client.metadata.certs(self.base, "idpsso", "signing")[0]
        self.assertTrue(verify_redirect_signature(query, self.client.sec.sec_backend, cert=idp_cert))
        xml = zlib.decompress(base64.b64decode(query["SAMLResponse"]), -15).decode("utf-8")
        root = ElementTree.fromstring(xml)
        self.assertEqual(root.tag, "{%s}LogoutResponse" % NS["samlp"])
        self.assertEqual(root.get("InResponseTo"), request_id)
        self.assertEqual(root.get("Destination"), SLO)
        self.assertEqual(root.find("samlp:Status/samlp:StatusCode", NS).get("Value"),
                         "urn:oasis:names:tc:SAML:2.0:status:Success")
        last = self.last()
        self.assertTrue(last["logout_request"]["signature_verified"])
        self.assertTrue(last["logout_request"]["session_found"])
        self.assertEqual([s for s in last["sessions"] if s["name_id"] == answer.name_id.text], [])

    def test_g_sp_initiated_logout_post(self):
        answer = self.logged_in()
        request_id, xml = self.client.create_logout_request(
            self.base + "/slo", self.base, name_id=answer.name_id,
            session_indexes=[answer.assertion.authn_statement[0].session_index], sign=True,
            sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
        status, _, body = fetch(self.base + "/slo", {"SAMLRequest": base64.b64encode(str(xml).encode()).decode(),
                                                     "RelayState": "post-logout"})
        self.assertEqual(status, 200, body)
        fields = self.auto_post(body, SLO)
        self.assertEqual(fields["RelayState"], "post-logout")
        response = self.client.parse_logout_request_response(fields["SAMLResponse"], BINDING_HTTP_POST)
        self.assertEqual(response.response.in_response_to, request_id)
        self.assertIsNotNone(response.response.signature)
        self.assertTrue(self.client.sec.correctly_signed_logout_response(
            base64.b64decode(fields["SAMLResponse"]).decode(), must=True))
        self.assertTrue(self.last()["logout_request"]["session_found"])
        # unsigned: refused
        _, unsigned = self.client.create_logout_request(self.base + "/slo", self.base, name_id=answer.name_id,
                                                        sign=False)
        status, _, body = fetch(self.base + "/slo", {"SAMLRequest": base64.b64encode(str(unsigned).encode())})
        self.assertEqual((status, problem_code(body)), (400, "signature-missing"))

    def test_g_idp_initiated_logout(self):
        answer = self.logged_in()
        status, _, body = fetch(self.base + "/test/logout?" + urllib.parse.urlencode(
            {"sp": SP_ID, "name_id": answer.name_id.text}))
        self.assertEqual(status, 200, body)
        fields = self.auto_post(body, SLO)
        request = self.client.parse_logout_request(fields["SAMLRequest"], BINDING_HTTP_POST)  # checks signature
        self.assertIsNotNone(request.message.signature)
        self.assertEqual(request.message.name_id.text, answer.name_id.text)
        self.assertEqual(request.message.name_id.format, NAMEID_FORMAT_TRANSIENT)
        self.assertEqual(request.message.issuer.text, self.base)
        self.assertEqual(request.message.destination, SLO)
        self.assertEqual([s.text for s in request.message.session_index],
                         [answer.assertion.authn_statement[0].session_index])
        # the SP answers; the IdP checks its signature
        response = self.client.create_logout_response(request.message, [BINDING_HTTP_POST], sign=False)
        response.destination = self.base + "/slo"
        signed = self.client.sign(response, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
        status, _, body = fetch(self.base + "/slo", {"SAMLResponse": base64.b64encode(str(signed).encode()).decode(),
                                                     "RelayState": fields["RelayState"]})
        self.assertEqual(status, 200, body)
        self.assertIn("Uscita completata", body)
        last = self.last()
        self.assertTrue(last["logout_response"]["signature_verified"])
        self.assertTrue(last["logout_response"]["answers_our_request"])
        self.assertEqual(last["logout_response"]["in_response_to"], request.message.id)
        # no session left for that NameID
        status, _, body = fetch(self.base + "/test/logout?" + urllib.parse.urlencode({"name_id": answer.name_id.text}))
        self.assertEqual((status, problem_code(body)), (400, "no-session"))

    def test_z_run_time(self):
        self.assertLess(time.monotonic() - self.started, 60)


if __name__ == "__main__":
    logging.getLogger("saml2").addHandler(logging.NullHandler())  # the refusals it logs are the tests' own
    logging.getLogger("saml2").propagate = False
    unittest.main(verbosity=2)
