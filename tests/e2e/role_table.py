"""The role × route table of issue 11 ("Roles checked everywhere"), which test_roles.py checks over HTTP.

One line per route the server registers (`sportello routes` lists them): its method and pattern exactly as printed,
then what each role must get, in the order of ROLES:
  anon    nobody signed in
  ord     a citizen whose PIN is ordinario (Mario)        disp    a citizen whose PIN is dispositivo (Giulia)
  cc      contact centre      office  office      bo  back office      admin   administrator
  pat     a patronato operator whose organisation holds Giulia's mandate (for every service)
  patx    a patronato operator whose organisation holds no mandate from her
Path parameters name things of Giulia's (test_roles.py says which); requests that change something name things that
do not exist, so every cell sees the same world.

Cells:
  pub     public: anything but 401 and 403 (a 404 for a file that is not there is fine)
  ok      allowed: the request reaches the work (2xx, a redirect other than to a sign-in page, a 4xx about the
          request itself such as 400/409/415/422, or 404 for a thing that does not exist)
  own     allowed, and the thing is theirs: as ok, but not 404
  404     not theirs: answered as if it did not exist (a patronato without a mandate, another citizen's thing)
  401     the API without a usable session
  403     refused to the role
  login   a page that sends the reader to sign in (/accedi for the reserved area, /operatori/accedi for the console)
A 5xx fails every cell. A row may say `everyone` instead of nine cells: pub for every role.

To add a route: run `test_roles.py PATH/TO/sportello PATH/TO/sportelloctl --explore`, which prints every route with what
each role gets now; copy the new route's line here, check each cell against the rule it must follow (the console's
sections: patronato only under /operatori/patronato, contact centre only under /operatori/domanda-telefonica,
administrators only under /operatori/organizzazioni; the reserved area /area-riservata/* for a signed-in citizen;
anonymous readers are sent to sign in on pages and get 401 from the API) and write what it must be, not what it is."""

ROLES = ("anon", "ord", "disp", "cc", "office", "bo", "pat", "patx", "admin")
CELLS = ("pub", "ok", "own", "404", "401", "403", "login")

TABLE = """
# method pattern                                                         anon  ord   disp  cc    office bo    pat   patx  admin

# Health and metrics (/metrics wants the operators' metrics token, which no session is)
GET     /healthz                                                         everyone
GET     /readyz                                                          everyone
GET     /metrics                                                         401   401   401   401   401   401   401   401   401

# The API: sessions, PINs, staff sign-in
POST    /api/v1/sessions                                                 everyone
POST    /api/v1/sessions/cns                                             everyone
GET     /api/v1/me                                                       401   ok    ok    ok    ok    ok    ok    ok    ok
GET     /api/v1/me/accesses                                              401   ok    ok    403   403   403   403   403   403
DELETE  /api/v1/sessions/current                                         401   ok    ok    ok    ok    ok    ok    ok    ok
POST    /api/v1/pin-requests                                             everyone
POST    /api/v1/pin-renewals                                             everyone
POST    /api/v1/activations/review                                       everyone
POST    /api/v1/activations                                              everyone
POST    /api/v1/pin/change                                               401   ok    ok    403   403   403   403   403   403
POST    /api/v1/recoveries                                               everyone
POST    /api/v1/recoveries/confirm                                       everyone
POST    /api/v1/pin/revocation                                           401   ok    ok    403   403   403   403   403   403
POST    /api/v1/staff/sessions                                           everyone
POST    /api/v1/staff/password                                           401   403   403   ok    ok    ok    ok    ok    ok

# The API: the contact centre's and the office's desk, the back office's dispositivo review
GET     /api/v1/operator/pin-requests                                    401   403   403   ok    ok    403   403   403   403
POST    /api/v1/operator/pin-requests/{codice_fiscale}/confirmation      401   403   403   ok    ok    403   403   403   403
POST    /api/v1/operator/pin-requests/{codice_fiscale}/rejection         401   403   403   ok    ok    403   403   403   403
POST    /api/v1/operator/phone-requests                                  401   403   403   ok    ok    403   403   403   403
POST    /api/v1/operator/office-issuances                                401   403   403   403   ok    403   403   403   403
POST    /api/v1/operator/revocations                                     401   403   403   ok    ok    403   403   403   403
GET     /api/v1/operator/dispositivo-requests                            401   403   403   403   403   ok    403   403   403
POST    /api/v1/operator/dispositivo-requests/{id}/approval              401   403   403   403   403   ok    403   403   403
POST    /api/v1/operator/dispositivo-requests/{id}/rejection             401   403   403   403   403   ok    403   403   403
POST    /api/v1/operator/dispositivo-conversions                         401   403   403   403   ok    403   403   403   403
GET     /api/v1/dispositivo/form.pdf                                     401   ok    ok    403   403   403   403   403   403
POST    /api/v1/dispositivo-requests                                     401   ok    ok    403   403   403   403   403   403
GET     /api/v1/operator/dispositivo-requests/{id}/document              401   403   403   403   403   own   403   403   403

# The API: the citizen's records and applications (ids are Giulia's: Mario gets 404), the back office's review
GET     /api/v1/me/contributions                                         401   ok    ok    403   403   403   403   403   403
GET     /api/v1/me/contributions.csv                                     401   ok    ok    403   403   403   403   403   403
GET     /api/v1/me/contributions.pdf                                     401   ok    ok    403   403   403   403   403   403
GET     /api/v1/me/cu                                                    401   ok    ok    403   403   403   403   403   403
GET     /api/v1/me/cu/{year}                                             401   own   own   403   403   403   403   403   403
GET     /api/v1/me/cu/{year}/pdf                                         401   own   own   403   403   403   403   403   403
GET     /api/v1/me/pension-slips                                         401   ok    ok    403   403   403   403   403   403
GET     /api/v1/me/pension-slips/{month}                                 401   404   own   403   403   403   403   403   403
GET     /api/v1/me/pension-slips/{month}/pdf                             401   404   own   403   403   403   403   403   403
GET     /api/v1/me/application-forms/{type}                              401   own   own   403   403   403   403   403   403
GET     /api/v1/me/applications                                          401   ok    ok    403   403   403   403   403   403
POST    /api/v1/me/applications                                          401   403   ok    403   403   403   403   403   403
GET     /api/v1/me/applications/{id}                                     401   404   own   403   403   403   403   403   403
GET     /api/v1/me/applications/{id}/receipt.pdf                         401   404   own   403   403   403   403   403   403
GET     /api/v1/me/applications/{id}/attachments/{attachment}            401   404   own   403   403   403   403   403   403
POST    /api/v1/me/applications/{id}/withdrawal                          401   ok    ok    403   403   403   403   403   403
GET     /api/v1/operator/applications                                    401   403   403   403   403   ok    403   403   ok
GET     /api/v1/operator/applications/{id}                               401   403   403   403   403   own   403   403   own
GET     /api/v1/operator/applications/{id}/attachments/{attachment}      401   403   403   403   403   own   403   403   own
POST    /api/v1/operator/applications/{id}/take-in-charge                401   403   403   403   403   ok    403   403   ok
POST    /api/v1/operator/applications/{id}/decision                      401   403   403   403   403   ok    403   403   ok

# The API: patronati (administrators), mandates (the mandate with a signed form is the one INCA recorded from
# Mario), the patronato's subjects (Giulia's citizen id), the contact centre's filing for a caller
GET     /api/v1/admin/organisations                                      401   403   403   403   403   403   403   403   ok
POST    /api/v1/admin/organisations                                      401   403   403   403   403   403   403   403   ok
PUT     /api/v1/admin/organisations/{code}                               401   403   403   403   403   403   403   403   ok
POST    /api/v1/admin/organisations/{code}/disabling                     401   403   403   403   403   403   403   403   ok
POST    /api/v1/admin/organisations/{code}/enabling                      401   403   403   403   403   403   403   403   ok
GET     /api/v1/me/patronati                                             401   ok    ok    403   403   403   403   403   403
GET     /api/v1/me/mandates                                              401   ok    ok    403   403   403   403   403   403
POST    /api/v1/me/mandates                                              401   ok    ok    403   403   403   403   403   403
POST    /api/v1/me/mandates/{id}/revocation                              401   ok    ok    403   403   403   403   403   403
GET     /api/v1/me/mandates/{id}/signed-form.pdf                         401   own   404   403   403   403   403   403   403
GET     /api/v1/patronato/mandates                                       401   403   403   403   403   403   ok    ok    403
POST    /api/v1/patronato/mandates                                       401   403   403   403   403   403   ok    ok    403
POST    /api/v1/patronato/mandates/{id}/revocation                       401   403   403   403   403   403   ok    ok    403
GET     /api/v1/patronato/mandates/{id}/signed-form.pdf                  401   403   403   403   403   403   own   404   403
POST    /api/v1/patronato/subject-search                                 401   403   403   403   403   403   own   404   403
GET     /api/v1/patronato/subjects/{id}                                  401   403   403   403   403   403   own   404   403
GET     /api/v1/patronato/subjects/{id}/contributions                    401   403   403   403   403   403   own   404   403
GET     /api/v1/patronato/subjects/{id}/applications                     401   403   403   403   403   403   own   404   403
GET     /api/v1/patronato/subjects/{id}/applications/{application}       401   403   403   403   403   403   own   404   403
GET     /api/v1/patronato/subjects/{id}/application-forms/{type}         401   403   403   403   403   403   own   404   403
POST    /api/v1/patronato/subjects/{id}/applications                     401   403   403   403   403   403   ok    404   403
POST    /api/v1/operator/caller-application-forms                        401   403   403   own   403   403   403   403   403
POST    /api/v1/operator/caller-applications                             401   403   403   ok    403   403   403   403   403

# Pages: files, the public pages
GET     /assets/{name}                                                   everyone
GET     /static/{a}                                                      everyone
GET     /static/{a}/{b}                                                  everyone
GET     /static/{a}/{b}/{c}                                              everyone
GET     /static/{a}/{b}/{c}/{d}                                          everyone
GET     /                                                                everyone
GET     /accedi                                                          everyone
POST    /accedi                                                          everyone

# Pages: the reserved area, for a signed-in citizen (a staff token in the citizen's cookie opens nothing)
GET     /area-riservata                                                  login ok    ok    login login login login login login
# The PIN change is a citizen's page: a staff session in the citizen's cookie must be sent to sign in like on
# every other page of the reserved area (today citizen_pages.cpp takes any session there: reported, issue 11).
GET     /cambia-pin                                                      login ok    ok    login login login login login login
POST    /cambia-pin                                                      login ok    ok    login login login login login login
POST    /esci                                                            everyone
GET     /richiedi-pin                                                    everyone
POST    /richiedi-pin                                                    everyone
POST    /richiedi-pin/dati                                               everyone
GET     /richiesta-presa-in-carico                                       everyone
GET     /pin-smarrito                                                    everyone
POST    /pin-smarrito                                                    everyone
GET     /pin-smarrito/inviato                                            everyone
GET     /ripristino                                                      everyone
POST    /ripristino                                                      everyone
GET     /ripristino/completato                                           everyone
GET     /attiva-pin                                                      everyone
POST    /attiva-pin                                                      everyone
POST    /attiva-pin/contatti                                             everyone
GET     /attiva-pin/completata                                           everyone
GET     /rinnova-pin                                                     everyone
POST    /rinnova-pin                                                     everyone
GET     /rinnova-pin/completato                                          everyone
GET     /revoca-pin                                                      login ok    ok    login login login login login login
POST    /revoca-pin                                                      login ok    ok    login login login login login login
GET     /revoca-pin/completata                                           everyone
GET     /area-riservata/dispositivo                                      login ok    ok    login login login login login login
GET     /area-riservata/dispositivo/modulo.pdf                           login ok    ok    login login login login login login
POST    /area-riservata/dispositivo                                      login ok    ok    login login login login login login
GET     /area-riservata/contatti                                         login ok    ok    login login login login login login
POST    /area-riservata/contatti                                         login ok    ok    login login login login login login
GET     /area-riservata/contatti/verifica                                login ok    ok    login login login login login login
POST    /area-riservata/contatti/verifica                                login ok    ok    login login login login login login
GET     /area-riservata/estratto-conto                                   login ok    ok    login login login login login login
GET     /area-riservata/cu                                               login ok    ok    login login login login login login
GET     /area-riservata/cedolini                                         login ok    ok    login login login login login login
GET     /area-riservata/estratto-conto.pdf                               login ok    ok    login login login login login login
GET     /area-riservata/estratto-conto.csv                               login ok    ok    login login login login login login
GET     /area-riservata/cu/{year}/pdf                                    login own   own   login login login login login login
GET     /area-riservata/cedolini/{month}/pdf                             login 404   own   login login login login login login

# Pages: the console (a citizen's token in the staff cookie opens nothing)
GET     /operatori/accedi                                                everyone
POST    /operatori/accedi                                                everyone
GET     /operatori/password                                              login login login ok    ok    ok    ok    ok    ok
POST    /operatori/password                                              login login login ok    ok    ok    ok    ok    ok
GET     /operatori                                                       login login login ok    ok    ok    ok    ok    ok
POST    /operatori/esci                                                  login login login login login login login login login
GET     /operatori/richieste                                             login login login ok    ok    403   403   403   403
GET     /operatori/richieste/{codice_fiscale}                            login login login ok    ok    403   403   403   403
POST    /operatori/richieste/{codice_fiscale}/conferma                   login login login ok    ok    403   403   403   403
POST    /operatori/richieste/{codice_fiscale}/rifiuta                    login login login ok    ok    403   403   403   403
GET     /operatori/richiesta-telefonica                                  login login login ok    ok    403   403   403   403
POST    /operatori/richiesta-telefonica                                  login login login ok    ok    403   403   403   403
GET     /operatori/rilascio-in-sede                                      login login login 403   ok    403   403   403   403
POST    /operatori/rilascio-in-sede                                      login login login 403   ok    403   403   403   403
GET     /operatori/revoca                                                login login login ok    ok    403   403   403   403
POST    /operatori/revoca                                                login login login ok    ok    403   403   403   403
GET     /operatori/dispositivo                                           login login login 403   403   ok    403   403   403
GET     /operatori/dispositivo/{id}                                      login login login 403   403   own   403   403   403
GET     /operatori/dispositivo/{id}/documento                            login login login 403   403   own   403   403   403
POST    /operatori/dispositivo/{id}/approva                              login login login 403   403   ok    403   403   403
POST    /operatori/dispositivo/{id}/rifiuta                              login login login 403   403   ok    403   403   403
GET     /area-riservata/domande                                          login ok    ok    login login login login login login
GET     /area-riservata/domande/nuova                                    login ok    ok    login login login login login login
GET     /area-riservata/domande/nuova/{type}                             login own   own   login login login login login login
POST    /area-riservata/domande/nuova/{type}                             login 403   ok    login login login login login login
GET     /area-riservata/domande/{id}                                     login 404   own   login login login login login login
GET     /area-riservata/domande/{id}/ricevuta.pdf                        login 404   own   login login login login login login
GET     /area-riservata/domande/{id}/allegati/{attachment}               login 404   own   login login login login login login
GET     /area-riservata/domande/{id}/ritira                              login 404   own   login login login login login login
POST    /area-riservata/domande/{id}/ritira                              login ok    ok    login login login login login login
GET     /operatori/domande                                               login login login 403   403   ok    403   403   ok
GET     /operatori/domande/{id}                                          login login login 403   403   own   403   403   own
GET     /operatori/domande/{id}/allegati/{attachment}                    login login login 403   403   own   403   403   own
POST    /operatori/domande/{id}/prendi-in-carico                         login login login 403   403   ok    403   403   ok
POST    /operatori/domande/{id}/decidi                                   login login login 403   403   ok    403   403   ok
GET     /area-riservata/deleghe                                          login ok    ok    login login login login login login
GET     /area-riservata/deleghe/nuova                                    login ok    ok    login login login login login login
POST    /area-riservata/deleghe/nuova                                    login ok    ok    login login login login login login
GET     /area-riservata/deleghe/{id}/revoca                              login own   404   login login login login login login
POST    /area-riservata/deleghe/{id}/revoca                              login ok    ok    login login login login login login
GET     /area-riservata/deleghe/{id}/modulo.pdf                          login own   404   login login login login login login
GET     /area-riservata/accessi                                          login ok    ok    login login login login login login
GET     /operatori/patronato                                             login login login 403   403   403   ok    ok    403
POST    /operatori/patronato                                             login login login 403   403   403   ok    ok    403
GET     /operatori/patronato/soggetti/{id}                               login login login 403   403   403   own   404   403
GET     /operatori/patronato/soggetti/{id}/domande/{application}         login login login 403   403   403   own   404   403
GET     /operatori/patronato/soggetti/{id}/domande/nuova/{type}          login login login 403   403   403   own   404   403
POST    /operatori/patronato/soggetti/{id}/domande/nuova/{type}          login login login 403   403   403   ok    404   403
GET     /operatori/patronato/deleghe/nuova                               login login login 403   403   403   ok    ok    403
POST    /operatori/patronato/deleghe/nuova                               login login login 403   403   403   ok    ok    403
GET     /operatori/patronato/deleghe/{id}/revoca                         login login login 403   403   403   own   404   403
POST    /operatori/patronato/deleghe/{id}/revoca                         login login login 403   403   403   ok    ok    403
GET     /operatori/patronato/deleghe/{id}/modulo.pdf                     login login login 403   403   403   own   404   403
GET     /operatori/domanda-telefonica                                    login login login ok    403   403   403   403   403
POST    /operatori/domanda-telefonica                                    login login login ok    403   403   403   403   403
POST    /operatori/domanda-telefonica/{type}                             login login login ok    403   403   403   403   403
GET     /operatori/organizzazioni                                        login login login 403   403   403   403   403   ok
POST    /operatori/organizzazioni                                        login login login 403   403   403   403   403   ok
GET     /operatori/organizzazioni/{code}                                 login login login 403   403   403   403   403   own
POST    /operatori/organizzazioni/{code}                                 login login login 403   403   403   403   403   ok
GET     /operatori/organizzazioni/{code}/disattivazione                  login login login 403   403   403   403   403   own
POST    /operatori/organizzazioni/{code}/disattivazione                  login login login 403   403   403   403   403   ok
GET     /operatori/organizzazioni/{code}/riattivazione                   login login login 403   403   403   403   403   own
POST    /operatori/organizzazioni/{code}/riattivazione                   login login login 403   403   403   403   403   ok

# Pages: the footer's
GET     /privacy                                                         everyone
GET     /note-legali                                                     everyone
GET     /accessibilita                                                   everyone

# SPID, CIE and CNS (issue 12): public by nature (here a server without [federation] and [cns]: 404; test_federation.py
# and test_cns.py have the rest)
GET     /saml/metadata                                                   everyone
GET     /saml/metadata/cie                                               everyone
GET     /saml/login                                                      everyone
POST    /saml/acs                                                        everyone
GET     /saml/slo                                                        everyone
POST    /saml/slo                                                        everyone
GET     /accedi/cns                                                      everyone
"""


def parse(text=None):
    """{(method, pattern): {role: cell}} from TABLE; a malformed line raises ValueError naming it."""
    table = {}
    for number, line in enumerate((text or TABLE).splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        method, pattern, *cells = line.split()
        if cells == ["everyone"]:
            cells = ["pub"] * len(ROLES)
        if len(cells) != len(ROLES) or any(c not in CELLS for c in cells):
            raise ValueError("role_table.py line %d: %s %s needs %d cells of %s" % (number, method, pattern, len(ROLES),
                                                                                  "/".join(CELLS)))
        if (method, pattern) in table:
            raise ValueError("role_table.py line %d: %s %s is listed twice" % (number, method, pattern))
        table[(method, pattern)] = dict(zip(ROLES, cells))
    return table


def row(method, pattern, cells):
    """A line of TABLE for `cells` ({role: cell}), aligned as the others."""
    return "%-7s %-64s %s" % (method, pattern, " ".join("%-5s" % cells.get(r, "?") for r in ROLES))
