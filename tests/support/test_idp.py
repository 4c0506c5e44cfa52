#!/usr/bin/python3
"""A test SPID identity provider, for the browser and end-to-end tests of sportello (issue 12).

What it is for: logging a citizen in to sportello, the SAML 2.0 service provider, through a real SAML exchange
that follows the SPID technical rules (regole tecniche SPID and the AgID notices): it reads the SP's metadata
(again when an unknown Issuer or a signature it cannot check arrives: the SP may have started, or changed key,
since), checks every AuthnRequest (known Issuer, the SP's signature, Destination, IssueInstant, no replayed ID,
the AssertionConsumerService, the SPID level, ForceAuthn, no IsPassive), shows a login page, and answers with a
Response whose Assertion and Response are both signed (RSA-SHA256, exclusive c14n, SHA-256 digests); it answers
SPID's error codes (ErrorCode nr19..nr25), and takes part in single logout started by the SP or, through a test
hook, by itself.

What it is NOT: an identity provider for production, or for anything but tests. Its key is made afresh at each
start, every test user's password is "password", its sessions live in memory, and /test/* tells anyone what
happened. Never expose it beyond a test machine.

    /usr/bin/python3 tests/support/test_idp.py --port PORT [--host 127.0.0.1] [--base-url URL]
        --sp-metadata PATH_OR_URL [--sp-metadata ...] --work DIR [--users users.json]
        [--tls-cert CERT --tls-key KEY]

It writes DIR/idp-key.pem, DIR/idp-cert.pem and DIR/idp-metadata.xml, prints `READY <base-url>` when it listens
(with --port 0 it picks a free port) and serves until SIGTERM. Paths: GET /metadata; GET (HTTP-Redirect) or POST
(HTTP-POST) /sso; POST /login (the login form); GET or POST /slo; and the test hooks GET /test/last (JSON about the
last messages) and GET /test/logout?sp=ENTITY_ID[&name_id=ID] (IdP-initiated logout). A forced SPID error answer:
the parameter or form field `error=nr19|nr20|nr21|nr22|nr23|nr25` on /sso or on the login form.

It uses pysaml2 (Debian's python3-pysaml2) for parsing, and the xmlsec1 program through pysaml2 for XML signatures.
"""
import argparse
import base64
import calendar
import html
import http.server
import json
import logging
import os
import secrets
import signal
import ssl
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
import urllib.request
import warnings

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, samlp
from saml2.attribute_converter import AttributeConverter
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor, sign_entity_descriptor
from saml2.s_utils import decode_base64_and_inflate
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_ENTITY, NAMEID_FORMAT_TRANSIENT, NameID
from saml2.server import Server
from saml2.sigver import SIGNER_ALGS, extract_rsa_key_from_x509_cert, pem_format
from saml2.time_util import str_to_time
from saml2.validate import valid_instance
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256, SIG_RSA_SHA384, SIG_RSA_SHA512

SPID_LEVELS = ["https://www.spid.gov.it/SpidL1", "https://www.spid.gov.it/SpidL2", "https://www.spid.gov.it/SpidL3"]
# Tabella messaggi di anomalia: the answers a tester can force, with what each means.
SPID_ERRORS = {
    "nr19": "Autenticazione fallita per ripetuta sottomissione di credenziali errate",
    "nr20": "Utente privo di credenziali compatibili con il livello richiesto",
    "nr21": "Timeout durante l'autenticazione",
    "nr22": "Utente nega il consenso all'invio di dati al fornitore del servizio",
    "nr23": "Utente con identità sospesa, revocata o credenziali bloccate",
    "nr25": "Processo di autenticazione annullato dall'utente",
}
PASSWORD = "password"
REQUEST_MAX_AGE = 300  # seconds an AuthnRequest or LogoutRequest may be old
CLOCK_SKEW = 60  # seconds it may be ahead of our clock
REDIRECT_SIG_ALGS = (SIG_RSA_SHA256, SIG_RSA_SHA384, SIG_RSA_SHA512)

DEFAULT_USERS = [
    {"spidCode": "TEST0000000001", "name": "Mario", "familyName": "Rossi", "fiscalNumber": "TINIT-RSSMRA85T10H501O",
     "dateOfBirth": "1985-12-10", "placeOfBirth": "H501", "countyOfBirth": "RM", "gender": "M",
     "email": "mario.rossi@example.it", "mobilePhone": "+393331234567", "digitalAddress": "mario.rossi@pec.example.it",
     "address": "Via Nazionale 1 00184 Roma RM"},
    {"spidCode": "TEST0000000002", "name": "Giulia", "familyName": "Bianchi", "fiscalNumber": "TINIT-BNCGLI90A41F205H",
     "dateOfBirth": "1990-01-01", "placeOfBirth": "F205", "countyOfBirth": "MI", "gender": "F",
     "email": "giulia.bianchi@example.it", "mobilePhone": "+393477654321", "address": "Via Dante 2 20121 Milano MI"},
]


class BadRequest(Exception):
    """A message the IdP refuses: `code` is a short stable word for tests, the text says what is wrong."""

    def __init__(self, code, text):
        super().__init__(text)
        self.code = code


# ---------------------------------------------------------------------------------------------------------------
# Keys, metadata, pysaml2 configuration

def make_key_pair(work, common_name):
    key, cert = os.path.join(work, "idp-key.pem"), os.path.join(work, "idp-cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes", "-days", "30",
                    "-subj", "/CN=%s/O=sportello test IdP/C=IT" % common_name[:60], "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return key, cert


def fetch_sp_metadata(sources, work):
    """Each source as a local file pysaml2 can read; a URL that cannot be read yet is left out (and retried)."""
    files = []
    for number, source in enumerate(sources):
        if not source.startswith(("http://", "https://")):
            files.append(os.path.abspath(source))
            continue
        try:
            unverified = ssl._create_unverified_context()  # a loopback SP with a self-signed certificate
            with urllib.request.urlopen(source, timeout=5, context=unverified) as answer:
                body = answer.read()
        except OSError as exc:
            print("test_idp: cannot read SP metadata %s yet: %s" % (source, exc), file=sys.stderr, flush=True)
            continue
        path = os.path.join(work, "sp-metadata-%d.xml" % number)
        with open(path, "wb") as out:
            out.write(body)
        files.append(path)
    return files


def spid_attribute_converter(users):
    """SPID attribute names (and any other a test user has) are used as they are, NameFormat basic."""
    names = {key for user in users for key in user} | {
        "spidCode", "name", "familyName", "placeOfBirth", "countyOfBirth", "dateOfBirth", "gender", "companyName",
        "registeredOffice", "fiscalNumber", "ivaCode", "idCard", "mobilePhone", "email", "address", "expirationDate",
        "digitalAddress", "domicileStreetAddress", "domicilePostalCode", "domicileMunicipality", "domicileProvince",
        "domicileNation", "companyFiscalNumber"}
    converter = AttributeConverter()
    converter.from_dict({"identifier": NAME_FORMAT_BASIC, "fro": {n: n for n in names}, "to": {n: n for n in names}})
    return converter


def idp_config(base_url, key, cert, sp_files, users):
    config = IdPConfig()
    config.load({
        "entityid": base_url,
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "key_file": key, "cert_file": cert,
        "allow_unknown_attributes": True,
        "only_use_keys_in_metadata": True,
        "signing_algorithm": SIG_RSA_SHA256, "digest_algorithm": DIGEST_SHA256,
        "metadata": {"local": sp_files},
        # The name an SP's login page shows for this IdP.
        "organization": {"name": [("Identità di prova SPID", "it")], "display_name": [("Identità di prova", "it")],
                         "url": [(base_url, "it")]},
        "service": {"idp": {
            "endpoints": {
                "single_sign_on_service": [(base_url + "/sso", BINDING_HTTP_REDIRECT),
                                           (base_url + "/sso", BINDING_HTTP_POST)],
                "single_logout_service": [(base_url + "/slo", BINDING_HTTP_REDIRECT),
                                          (base_url + "/slo", BINDING_HTTP_POST)],
            },
            "name_id_format": [NAMEID_FORMAT_TRANSIENT],
            "want_authn_requests_signed": True,  # for the metadata; the IdP checks signatures itself
            "sign_response": True, "sign_assertion": True,
            "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_BASIC,
                                   "attribute_restrictions": None, "fail_on_missing_requested": False}},
        }},
    })
    config.attribute_converters = [spid_attribute_converter(users)]
    return config


def idp_metadata(server):
    """The signed EntityDescriptor, without pysaml2's list of every algorithm xmlsec1 knows (md5 included)."""
    descriptor = entity_descriptor(server.config)
    descriptor.extensions = None
    _, xml = sign_entity_descriptor(descriptor, None, server.sec, SIG_RSA_SHA256, DIGEST_SHA256)
    return xml.encode("utf-8") if isinstance(xml, str) else xml


# ---------------------------------------------------------------------------------------------------------------
# HTML

STYLE = """body{font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.6rem}
fieldset{border:1px solid #5c5c5c;margin:1rem 0;padding:.5rem 1rem}label{display:block;margin:.4rem 0}
input[type=text],input[type=password],select{font-size:1rem;padding:.3rem;border:1px solid #5c5c5c;width:100%;
box-sizing:border-box}button{font-size:1rem;padding:.5rem 1.2rem;margin:.5rem .5rem 0 0;border-radius:4px;
border:2px solid #0059b3;cursor:pointer}.primary{background:#0059b3;color:#fff}.secondary{background:#fff;
color:#0059b3}.error{color:#a30000;font-weight:bold}:focus{outline:3px solid #b35900;outline-offset:2px}"""


def page(title, body):
    return ("<!DOCTYPE html>\n<html lang=\"it\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>%s</title><style>%s</style></head><body><main>%s</main></body></html>\n"
            % (html.escape(title), STYLE, body)).encode("utf-8")


def escape(value):
    return html.escape(str(value), quote=True)


def post_form_page(title, action, fields):
    """An HTML form that posts itself (HTTP-POST binding), with a button for browsers without JavaScript."""
    hidden = "".join('<input type="hidden" name="%s" value="%s">' % (escape(n), escape(v))
                     for n, v in fields.items() if v is not None)
    return page(title, '<h1>%s</h1><form method="post" action="%s">%s<p>Se il browser non prosegue da solo, '
                'premi il pulsante.</p><button type="submit" class="primary">Continua</button></form>'
                '<script>document.forms[0].submit();</script>' % (escape(title), escape(action), hidden))


def user_label(user):
    return "%s %s — %s" % (user.get("name", ""), user.get("familyName", ""),
                           str(user.get("fiscalNumber", "")).replace("TINIT-", ""))


def login_page(pending_key, pending, users, problem="", typed=None):
    """The login form; after a wrong password, `typed` (the posted fields) keeps what the tester chose."""
    sp, typed = pending["request"], typed or {}
    chosen, forced = str(typed.get("user", "0")), typed.get("error", pending.get("error"))
    choices = "".join(
        '<label><input type="radio" name="user" value="%d"%s> %s</label>'
        % (n, " checked" if str(n) == chosen else "", escape(user_label(u))) for n, u in enumerate(users))
    errors = '<option value="">Nessuna: accesso riuscito</option>' + "".join(
        '<option value="%s"%s>ErrorCode %s — %s</option>'
        % (code, " selected" if code == forced else "", code, escape(text)) for code, text in SPID_ERRORS.items())
    alert = '<p class="error" role="alert" id="login-error">%s</p>' % escape(problem) if problem else ""
    body = ('<h1>Test IdP — Accesso SPID</h1>'
            '<p>Il servizio <strong>%s</strong> chiede l\'accesso con livello <strong>%s</strong>.</p>%s'
            '<form method="post" action="/login"><input type="hidden" name="pending" value="%s">'
            '<fieldset><legend>Utente di prova</legend>%s</fieldset>'
            '<label for="username">Nome utente (codice SPID, codice fiscale o email; se vuoto, l\'utente scelto'
            ' sopra)</label><input type="text" id="username" name="username" autocomplete="username" value="%s">'
            '<label for="password">Password (per tutti gli utenti di prova: «password»)</label>'
            '<input type="password" id="password" name="password" autocomplete="current-password">'
            '<label for="error">Risposta di errore da simulare</label><select id="error" name="error">%s</select>'
            '<button type="submit" name="action" value="login" class="primary">Entra</button>'
            '<button type="submit" name="action" value="cancel" class="secondary">Annulla</button></form>'
            % (escape(sp["issuer"]), escape(sp["level"].rsplit("/", 1)[-1]), alert, escape(pending_key), choices,
               escape(typed.get("username", "")), errors))
    return page("Test IdP — Accesso SPID", body)


# ---------------------------------------------------------------------------------------------------------------
# The identity provider

def form_fields(body):
    return {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


def raw_query(query):
    """The query's parameters as received (still URL-encoded) and decoded, for the Redirect binding's signature."""
    raw, decoded = {}, {}
    for part in query.split("&"):
        name, _, value = part.partition("=")
        name = urllib.parse.unquote_plus(name)
        if name and name not in raw:
            raw[name], decoded[name] = value, urllib.parse.unquote_plus(value)
    return raw, decoded


def epoch(instant):
    return calendar.timegm(str_to_time(instant))


class TestIdP:
    def __init__(self, base_url, work, sp_sources, users):
        self.base_url, self.work, self.sp_sources, self.users = base_url.rstrip("/"), work, sp_sources, users
        self.key, self.cert = make_key_pair(work, urllib.parse.urlsplit(base_url).hostname or "test-idp")
        self.lock = threading.RLock()
        self.pending = {}  # random key -> the AuthnRequest waiting on the login page
        self.sessions = []  # IdP sessions: sp, name_id, session_index, fiscalNumber
        self.seen_ids = set()  # request IDs already taken (replays are refused)
        self.last = {"authn_request": None, "response": None, "logout_request": None, "logout_response": None}
        self.server = None
        self.reload_sp_metadata()
        self.metadata = idp_metadata(self.server)
        with open(os.path.join(work, "idp-metadata.xml"), "wb") as out:
            out.write(self.metadata)

    @property
    def entity_id(self):
        return self.base_url

    def reload_sp_metadata(self):
        self.server = Server(config=idp_config(self.base_url, self.key, self.cert,
                                               fetch_sp_metadata(self.sp_sources, self.work), self.users))

    def sp_descriptor(self, entity_id):
        for attempt in (0, 1):
            try:
                return self.server.metadata[entity_id]["spsso_descriptor"][0]
            except (KeyError, IndexError):
                pass
            if attempt == 0:
                self.reload_sp_metadata()  # the SP may have started after the IdP, or rewritten its file
        raise BadRequest("unknown-sp", "Issuer sconosciuto: %r non è nei metadati SP caricati." % entity_id)

    # -- checks common to AuthnRequest and LogoutRequest ---------------------------------------------------------

    def received(self, binding, params, query, kind, info):
        """Decode and verify a SAMLRequest, noting what it says in `info`; returns (pysaml2 message, xml)."""
        if not params.get("SAMLRequest"):
            raise BadRequest("missing-request", "Manca il parametro SAMLRequest.")
        try:
            if binding == BINDING_HTTP_REDIRECT:
                xml = decode_base64_and_inflate(params["SAMLRequest"])
            else:
                xml = base64.b64decode(params["SAMLRequest"], validate=False)
        except Exception:
            raise BadRequest("bad-encoding", "SAMLRequest non è codificato come vuole il binding %s."
                             % binding.rsplit(":", 1)[-1])
        parse = samlp.authn_request_from_string if kind == "authn" else samlp.logout_request_from_string
        try:
            message = parse(xml)
        except Exception as exc:
            raise BadRequest("bad-xml", "SAMLRequest non è XML valido: %s" % exc)
        if message is None:
            raise BadRequest("bad-xml", "SAMLRequest non è un %s." % ("AuthnRequest" if kind == "authn"
                                                                      else "LogoutRequest"))
        issuer = message.issuer.text.strip() if message.issuer is not None and message.issuer.text else ""
        info.update(id=message.id, issuer=issuer, issue_instant=message.issue_instant,
                    destination=message.destination,
                    issuer_name_qualifier=message.issuer.name_qualifier if message.issuer is not None else None)
        if message.issuer is not None and message.issuer.format not in (None, NAMEID_FORMAT_ENTITY):
            raise BadRequest("issuer", "Issuer con Format diverso da %s." % NAMEID_FORMAT_ENTITY)
        self.sp_descriptor(issuer)
        if binding == BINDING_HTTP_REDIRECT:
            info["sig_alg"] = params.get("SigAlg")
        elif message.signature is None:
            raise BadRequest("signature-missing", "La richiesta (HTTP-POST) non è firmata.")
        else:
            info["sig_alg"] = message.signature.signed_info.signature_method.algorithm
        try:
            self.check_signature(binding, kind, issuer, xml, query)
        except BadRequest as problem:
            if problem.code != "signature-invalid":
                raise
            self.reload_sp_metadata()  # the SP may have restarted with a new key: read its metadata again
            self.check_signature(binding, kind, issuer, xml, query)
        info["signature_verified"] = True
        try:
            valid_instance(message)
        except Exception as exc:
            raise BadRequest("bad-xml", "La richiesta non rispetta lo schema SAML: %s" % exc)
        if message.version != "2.0":
            raise BadRequest("version", "Version deve essere 2.0.")
        mine = (self.entity_id, self.base_url + ("/sso" if kind == "authn" else "/slo"))
        if message.destination not in mine:
            raise BadRequest("destination", "Destination %r non è uno di %s." % (message.destination, list(mine)))
        try:
            age = time.time() - epoch(message.issue_instant)
        except Exception:
            raise BadRequest("issue-instant", "IssueInstant illeggibile.")
        if age > REQUEST_MAX_AGE or age < -CLOCK_SKEW:
            raise BadRequest("issue-instant", "IssueInstant %s fuori tempo (%d s fa; al più %d s)."
                             % (message.issue_instant, age, REQUEST_MAX_AGE))
        if message.id in self.seen_ids:
            raise BadRequest("replay", "La richiesta con ID %s è già stata ricevuta." % message.id)
        self.seen_ids.add(message.id)
        return message, xml

    def check_signature(self, binding, kind, issuer, xml, query):
        if binding == BINDING_HTTP_REDIRECT:
            return self.check_query_signature(issuer, query)
        checker = (self.server.sec.correctly_signed_authn_request if kind == "authn"
                   else self.server.sec.correctly_signed_logout_request)
        try:
            checker(xml, must=True)
        except Exception as exc:
            raise BadRequest("signature-invalid", "Firma XML della richiesta non valida: %s" % exc)

    def check_query_signature(self, issuer, query):
        """HTTP-Redirect: the signature over SAMLRequest=..&RelayState=..&SigAlg=.. as they were received."""
        raw, decoded = raw_query(query)
        if "Signature" not in raw or "SigAlg" not in raw:
            raise BadRequest("signature-missing", "La richiesta (HTTP-Redirect) non ha Signature e SigAlg.")
        if decoded["SigAlg"] not in REDIRECT_SIG_ALGS:
            raise BadRequest("sig-alg", "SigAlg %s non ammesso (RSA-SHA256 o più forte)." % decoded["SigAlg"])
        message_type = "SAMLRequest" if "SAMLRequest" in raw else "SAMLResponse"
        signed = "&".join("%s=%s" % (n, raw[n]) for n in (message_type, "RelayState", "SigAlg") if n in raw)
        try:
            signature = base64.b64decode(decoded["Signature"])
        except Exception:
            raise BadRequest("signature-invalid", "Signature non è base64.")
        for cert in self.server.metadata.certs(issuer, "spsso", "signing"):
            key = extract_rsa_key_from_x509_cert(pem_format(cert))
            try:
                if SIGNER_ALGS[decoded["SigAlg"]].verify(signed.encode("latin-1"), signature, key):
                    return
            except Exception:
                pass
        raise BadRequest("signature-invalid", "Firma della query (HTTP-Redirect) non valida per i certificati "
                                              "di %s." % issuer)

    # -- AuthnRequest ---------------------------------------------------------------------------------------------

    def recorded(self, kind, check, binding, params, query, **extra):
        """Runs `check` on a received message, keeping what it found in self.last[kind] (and why it was refused)."""
        with self.lock:
            info = self.last[kind] = dict({"binding": binding, "relay_state": params.get("RelayState"),
                                           "signature_verified": False}, **extra)
            try:
                return check(binding, params, query, info)
            except BadRequest as problem:
                info["rejected"] = {"code": problem.code, "text": str(problem)}
                raise

    def authn_request(self, binding, params, query=""):
        """Checks an AuthnRequest; returns the key of the pending request for the login page."""
        return self.recorded("authn_request", self.checked_authn_request, binding, params, query)

    def checked_authn_request(self, binding, params, query, info):
        request, _ = self.received(binding, params, query, "authn", info)
        info.update(force_authn=request.force_authn in ("true", "1"), level=None, comparison=None,
                    acs_url=None, attribute_index=request.attribute_consuming_service_index)
        sp = self.sp_descriptor(info["issuer"])
        # The level: SpidL1..3 in RequestedAuthnContext; with Comparison "better" the next one up.
        context = request.requested_authn_context
        refs = [r.text.strip() for r in (context.authn_context_class_ref if context else []) if r.text]
        if not refs or any(r not in SPID_LEVELS for r in refs):
            raise BadRequest("level", "RequestedAuthnContext deve chiedere un livello SpidL1, SpidL2 o SpidL3.")
        comparison = (context.comparison or "exact") if context else "exact"
        level = SPID_LEVELS.index(refs[0]) + (1 if comparison == "better" else 0)
        if level >= len(SPID_LEVELS):
            raise BadRequest("level", "Comparison better su SpidL3: nessun livello superiore.")
        info.update(level=SPID_LEVELS[level], requested_level=refs[0], comparison=comparison)
        if request.is_passive in ("true", "1"):
            raise BadRequest("is-passive", "IsPassive non è ammesso da SPID.")
        if level > 0 and not info["force_authn"]:
            raise BadRequest("force-authn", "ForceAuthn=\"true\" è obbligatorio per SpidL2 e SpidL3.")
        policy = request.name_id_policy
        if policy is not None and policy.format not in (None, NAMEID_FORMAT_TRANSIENT):
            raise BadRequest("name-id-policy", "NameIDPolicy Format deve essere transient.")
        info["acs_url"] = self.resolve_acs(sp, request)
        index = request.attribute_consuming_service_index
        services = {s["index"]: s for s in sp.get("attribute_consuming_service", [])}
        if index is not None and index not in services:
            raise BadRequest("attribute-index", "AttributeConsumingServiceIndex %s non è nei metadati SP."
                             % index)
        service = services.get(index if index is not None else "0", {})
        info["attributes"] = [a["name"] for a in service.get("requested_attribute", [])]
        if params.get("error") and params["error"] not in SPID_ERRORS:
            raise BadRequest("error-code", "error=%s non è un codice SPID noto." % params["error"])
        key = secrets.token_urlsafe(18)
        self.pending[key] = {"request": info, "error": params.get("error") or ""}
        return key

    @staticmethod
    def resolve_acs(sp, request):
        services = [s for s in sp.get("assertion_consumer_service", []) if s["binding"] == BINDING_HTTP_POST]
        url, index = request.assertion_consumer_service_url, request.assertion_consumer_service_index
        if url and index is not None:
            raise BadRequest("acs", "AssertionConsumerServiceURL e AssertionConsumerServiceIndex insieme.")
        if url:
            if request.protocol_binding not in (None, BINDING_HTTP_POST):
                raise BadRequest("acs", "ProtocolBinding deve essere HTTP-POST.")
            if not any(s["location"] == url for s in services):
                raise BadRequest("acs", "AssertionConsumerServiceURL %s non è nei metadati SP." % url)
            return url
        if index is not None:
            for s in services:
                if s.get("index") == index:
                    return s["location"]
            raise BadRequest("acs", "AssertionConsumerServiceIndex %s non è nei metadati SP (HTTP-POST)." % index)
        for s in services:
            if s.get("is_default") == "true":
                return s["location"]
        if not services:
            raise BadRequest("acs", "I metadati SP non hanno un AssertionConsumerService HTTP-POST.")
        return min(services, key=lambda s: int(s.get("index") or 0))["location"]

    def take_pending(self, key):
        with self.lock:
            if key not in self.pending:
                raise BadRequest("pending-unknown", "Richiesta di accesso sconosciuta o già conclusa.")
            return self.pending[key]

    def find_user(self, username, choice):
        if username:
            wanted = username.strip().lower()
            for user in self.users:
                names = {str(user.get(k, "")).lower() for k in ("username", "spidCode", "fiscalNumber", "email")}
                names.add(str(user.get("fiscalNumber", "")).lower().replace("tinit-", ""))
                if wanted in names:
                    return user
            return None
        try:
            return self.users[int(choice or 0)]
        except (ValueError, IndexError):
            return None

    def respond(self, key, user=None, error=""):
        """The signed Response for the pending request (success for `user`, or SPID error `error`)."""
        with self.lock:
            pending = self.pending.pop(key, None)
            if pending is None:
                raise BadRequest("pending-unknown", "Richiesta di accesso sconosciuta o già conclusa.")
            request = pending["request"]
            sign = dict(sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
            if error:
                xml = self.server.create_error_response(
                    request["id"], request["acs_url"], (samlp.STATUS_AUTHN_FAILED, "ErrorCode %s" % error),
                    sign=True, **sign)
                summary = {"status": "urn:oasis:names:tc:SAML:2.0:status:Responder", "error": error}
            else:
                name_id = NameID(format=NAMEID_FORMAT_TRANSIENT, name_qualifier=self.entity_id,
                                 text="_" + secrets.token_hex(16))
                identity = {a: (user[a] if isinstance(user[a], list) else [str(user[a])])
                            for a in request["attributes"] if a in user}
                xml = self.server.create_authn_response(
                    identity, request["id"], request["acs_url"], request["issuer"], name_id=name_id,
                    authn={"class_ref": request["level"]}, sign_response=True, sign_assertion=True, **sign)
                summary = {"status": samlp.STATUS_SUCCESS, "error": None, "name_id": name_id.text,
                           "level": request["level"], "attributes": identity}
            xml = str(xml)
            answer = samlp.response_from_string(xml)
            if not error:
                summary["session_index"] = answer.assertion[0].authn_statement[0].session_index
                self.sessions.append({"sp": request["issuer"], "name_id": summary["name_id"],
                                      "session_index": summary["session_index"],
                                      "fiscalNumber": user.get("fiscalNumber")})
            summary.update(id=answer.id, in_response_to=request["id"], destination=request["acs_url"],
                           relay_state=request["relay_state"], xml=xml)
            self.last["response"] = summary
            fields = {"SAMLResponse": base64.b64encode(xml.encode("utf-8")).decode("ascii"),
                      "RelayState": request["relay_state"]}
            return post_form_page("Test IdP — Invio della risposta", request["acs_url"], fields)

    # -- Single logout ----------------------------------------------------------------------------------------------

    def sp_logout_service(self, sp_entity_id, binding):
        services = self.server.metadata.single_logout_service(sp_entity_id, binding, "spsso") or []
        if not services:
            return None
        return services[0].get("response_location") or services[0]["location"], services[0]["location"]

    def logout_request(self, binding, params, query=""):
        """SP-initiated logout: ends the session and answers a signed LogoutResponse, as (status, headers, body)."""
        return self.recorded("logout_request", self.checked_logout_request, binding, params, query, sent_by="sp")

    def checked_logout_request(self, binding, params, query, info):
        request, _ = self.received(binding, params, query, "logout", info)
        name_id = request.name_id.text.strip() if request.name_id is not None and request.name_id.text else ""
        indexes = {s.text.strip() for s in request.session_index if s.text}
        before = len(self.sessions)
        self.sessions = [s for s in self.sessions if not (
            s["sp"] == info["issuer"] and s["name_id"] == name_id and (not indexes or s["session_index"] in indexes))]
        info.update(name_id=name_id, session_indexes=sorted(indexes), session_found=len(self.sessions) < before)
        answer_binding = binding
        where = self.sp_logout_service(info["issuer"], binding)
        if where is None:
            answer_binding = BINDING_HTTP_POST if binding == BINDING_HTTP_REDIRECT else BINDING_HTTP_REDIRECT
            where = self.sp_logout_service(info["issuer"], answer_binding)
        if where is None:
            raise BadRequest("slo", "I metadati SP non hanno un SingleLogoutService.")
        destination = where[0]
        response = self.server.create_logout_response(request, [answer_binding], sign=False)
        response.destination = destination
        self.last["logout_response"] = {"id": response.id, "in_response_to": request.id, "binding": answer_binding,
                                        "destination": destination, "status": samlp.STATUS_SUCCESS,
                                        "sent_by": "idp"}
        if answer_binding == BINDING_HTTP_REDIRECT:
            http = self.server.apply_binding(BINDING_HTTP_REDIRECT, str(response), destination,
                                             info["relay_state"] or "", response=True, sign=True,
                                             sigalg=SIG_RSA_SHA256)
            location = dict(http["headers"])["Location"]
            return 303, [("Location", location)], page("Test IdP — Uscita", '<h1>Uscita</h1><p><a href="%s">'
                                                       'Torna al servizio</a></p>' % escape(location))
        xml = self.server.sign(response, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
        fields = {"SAMLResponse": base64.b64encode(str(xml).encode("utf-8")).decode("ascii"),
                  "RelayState": info["relay_state"]}
        return 200, [], post_form_page("Test IdP — Uscita", destination, fields)

    def logout_response(self, binding, params, query=""):
        """The SP's answer to an IdP-initiated LogoutRequest."""
        with self.lock:
            try:
                if binding == BINDING_HTTP_REDIRECT:
                    xml = decode_base64_and_inflate(params["SAMLResponse"])
                else:
                    xml = base64.b64decode(params["SAMLResponse"])
                response = samlp.logout_response_from_string(xml)
            except Exception as exc:
                raise BadRequest("bad-xml", "SAMLResponse illeggibile: %s" % exc)
            issuer = response.issuer.text.strip() if response.issuer is not None and response.issuer.text else ""
            sent = self.last["logout_request"] or {}
            info = {"id": response.id, "in_response_to": response.in_response_to, "issuer": issuer, "binding": binding,
                    "status": response.status.status_code.value if response.status else None,
                    "answers_our_request": sent.get("sent_by") == "idp" and sent.get("id") == response.in_response_to,
                    "signature_verified": False, "sent_by": "sp"}
            self.last["logout_response"] = info
            self.sp_descriptor(issuer)
            if binding == BINDING_HTTP_REDIRECT:
                self.check_query_signature(issuer, query)
            else:
                try:
                    self.server.sec.correctly_signed_logout_response(xml, must=True)
                except Exception as exc:
                    raise BadRequest("signature-invalid", "Firma della LogoutResponse non valida: %s" % exc)
            info["signature_verified"] = True
            return page("Test IdP — Uscita completata", "<h1>Uscita completata</h1><p>Il servizio ha risposto %s.</p>"
                        % escape(info["status"]))

    def idp_initiated_logout(self, sp_entity_id, name_id):
        with self.lock:
            candidates = [s for s in self.sessions if (not sp_entity_id or s["sp"] == sp_entity_id)
                          and (not name_id or s["name_id"] == name_id)]
            if not candidates:
                raise BadRequest("no-session", "Nessuna sessione dell'IdP per sp=%r name_id=%r." % (sp_entity_id,
                                                                                                    name_id))
            session = candidates[-1]
            where = self.sp_logout_service(session["sp"], BINDING_HTTP_POST)
            if where is None:
                raise BadRequest("slo", "I metadati SP non hanno un SingleLogoutService HTTP-POST.")
            subject = NameID(format=NAMEID_FORMAT_TRANSIENT, name_qualifier=self.entity_id, text=session["name_id"])
            request_id, xml = self.server.create_logout_request(
                where[1], session["sp"], name_id=subject, session_indexes=[session["session_index"]], sign=True,
                sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
            self.sessions.remove(session)
            relay_state = secrets.token_urlsafe(12)
            self.last["logout_request"] = {"id": request_id, "issuer": self.entity_id, "binding": BINDING_HTTP_POST,
                                           "destination": where[1], "name_id": session["name_id"],
                                           "session_indexes": [session["session_index"]], "sp": session["sp"],
                                           "relay_state": relay_state, "sent_by": "idp", "xml": str(xml)}
            fields = {"SAMLRequest": base64.b64encode(str(xml).encode("utf-8")).decode("ascii"),
                      "RelayState": relay_state}
            return post_form_page("Test IdP — Uscita dal servizio", where[1], fields)

    def last_json(self):
        with self.lock:
            return json.dumps(dict(self.last, sessions=list(self.sessions)), ensure_ascii=False, indent=1,
                              default=str).encode("utf-8")


# ---------------------------------------------------------------------------------------------------------------
# HTTP

def handler_for(idp):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "sportello-test-idp"

        def log_message(self, fmt, *args):  # quiet: tests read stdout for READY only
            pass

        def send(self, status, body, content_type="text/html; charset=utf-8", headers=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def refuse(self, problem):
            body = page("Test IdP — Richiesta non valida", '<h1>Richiesta non valida</h1><p class="error" '
                        'id="problem" data-code="%s">%s</p>' % (escape(problem.code), escape(problem)))
            self.send(400, body)

        def do_GET(self):
            self.route("GET")

        def do_POST(self):
            self.route("POST")

        def route(self, method):
            path, _, query = self.path.partition("?")
            if method == "POST":
                params = form_fields(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            else:
                params = raw_query(query)[1]
            binding = BINDING_HTTP_REDIRECT if method == "GET" else BINDING_HTTP_POST
            try:
                if path == "/metadata" and method == "GET":
                    self.send(200, idp.metadata, "application/samlmetadata+xml")
                elif path == "/sso":
                    key = idp.authn_request(binding, params, query)
                    self.send(200, login_page(key, idp.take_pending(key), idp.users))
                elif path == "/login" and method == "POST":
                    self.login(params)
                elif path == "/slo":
                    if "SAMLResponse" in params:
                        self.send(200, idp.logout_response(binding, params, query))
                    else:
                        status, headers, body = idp.logout_request(binding, params, query)
                        self.send(status, body, headers=headers)
                elif path == "/test/last" and method == "GET":
                    self.send(200, idp.last_json(), "application/json")
                elif path == "/test/logout" and method == "GET":
                    self.send(200, idp.idp_initiated_logout(params.get("sp"), params.get("name_id")))
                else:
                    self.send(404, page("Test IdP — Pagina non trovata", "<h1>Pagina non trovata</h1>"))
            except BadRequest as problem:
                self.refuse(problem)
            except Exception as exc:  # a bug here, not in the request: say so, and keep serving
                traceback.print_exc()
                self.send(500, page("Test IdP — Errore interno", '<h1>Errore interno</h1><p class="error" '
                                    'id="problem" data-code="internal">%s</p>' % escape(repr(exc))))

        def login(self, params):
            key = params.get("pending", "")
            pending = idp.take_pending(key)
            error = params.get("error", pending["error"])  # the page's select, else the error forced on /sso
            if params.get("action") == "cancel":
                error = "nr25"
            if error:
                if error not in SPID_ERRORS:
                    raise BadRequest("error-code", "error=%s non è un codice SPID noto." % error)
                self.send(200, idp.respond(key, error=error))
                return
            user = idp.find_user(params.get("username", ""), params.get("user"))
            if user is None or params.get("password") != PASSWORD:
                self.send(200, login_page(key, pending, idp.users, "Credenziali errate: nome utente o password "
                                                                   "non validi.", typed=params))
                return
            self.send(200, idp.respond(key, user=user))

    return Handler


def main():
    # pysaml2 logs what the 400 pages already say (and a deprecation warning of its own): keep stderr for bugs
    logging.getLogger("saml2").addHandler(logging.NullHandler())
    logging.getLogger("saml2").propagate = False
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--base-url", help="the IdP's entityID and URL prefix (default: http(s)://host:port)")
    parser.add_argument("--sp-metadata", action="append", required=True, help="a file path or an http(s) URL")
    parser.add_argument("--work", required=True, help="folder for the key, certificate and metadata")
    parser.add_argument("--users", help="a JSON list of objects of SPID attributes")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    args = parser.parse_args()

    users = DEFAULT_USERS
    if args.users:
        with open(args.users, encoding="utf-8") as source:
            users = json.load(source)
    os.makedirs(args.work, exist_ok=True)
    httpd = http.server.ThreadingHTTPServer((args.host, args.port), None)
    httpd.daemon_threads = True
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True, do_handshake_on_connect=False)
    port = httpd.server_address[1]
    base_url = args.base_url or "%s://%s:%d" % ("https" if args.tls_cert else "http", args.host, port)
    idp = TestIdP(base_url, os.path.abspath(args.work), args.sp_metadata, users)
    httpd.RequestHandlerClass = handler_for(idp)

    def stop(signum, frame):
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("READY %s" % idp.base_url, flush=True)
    httpd.serve_forever()
    httpd.server_close()


if __name__ == "__main__":
    main()
