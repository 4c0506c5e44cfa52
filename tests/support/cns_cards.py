"""CNS cards of the tests' own (issue 12): an issuer's CA made with `openssl ca` (its index, so it can revoke and
publish a CRL), the cards it issues, and a second CA that sportello is not told to trust.

`python3 cns_cards.py FOLDER` makes the set the tests use and prints it as JSON: {"ca": ca.pem, "crl": crl.pem,
"cards": {name: [certificate, key]}} with
  mario       Mario Rossi's card in the CNS profile (commonName "<codice fiscale>/<card number>.<hash>")
  etsi        his card in the ETSI shape (serialNumber "TINIT-<codice fiscale>")
  revoked     his card, revoked in the CRL          expired      his card, expired in 2025
  signing     his card made for signing, not client authentication
  nameless    a card whose subject names no codice fiscale
  stranger    a valid codice fiscale that nobody holds (STRANGER)
  unknown_ca  his card from the CA nobody trusts
"""
import json
import os
import subprocess
import sys

MARIO = "RSSMRA85T10H501O"  # the demo seed's ordinario holder
STRANGER = "STRCRL60A01L219K"  # Carlo Estranei, 1 January 1960, Rome (L219): valid, held by nobody


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(command[:3]), done.returncode, done.stderr[-2000:]))


CA_CONFIG = """
[ca]
default_ca = issuer
[issuer]
dir = {dir}
database = $dir/index.txt
new_certs_dir = $dir/issued
certificate = $dir/ca.pem
private_key = $dir/ca.key
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 30
default_crl_days = 1
policy = anything
preserve = yes
unique_subject = no
[anything]
countryName = optional
organizationName = optional
surname = optional
givenName = optional
serialNumber = optional
commonName = optional
[card]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
[signing_only]
basicConstraints = CA:FALSE
keyUsage = critical, nonRepudiation
extendedKeyUsage = emailProtection
"""


class CardIssuer:
    """A CNS issuer of the test's own: its CA, the cards it issues and revokes, and its CRL (openssl ca)."""

    def __init__(self, folder, name):
        self.dir = os.path.join(folder, name)
        os.makedirs(os.path.join(self.dir, "issued"))
        with open(os.path.join(self.dir, "index.txt"), "w"):
            pass
        for counter in ("serial", "crlnumber"):
            with open(os.path.join(self.dir, counter), "w") as f:
                f.write("1000\n")
        self.config = os.path.join(self.dir, "ca.cnf")
        with open(self.config, "w") as f:
            f.write(CA_CONFIG.format(dir=self.dir))
        self.certificate = os.path.join(self.dir, "ca.pem")
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
             "-subj", "/C=IT/O=%s/CN=%s CA CNS" % (name, name), "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             "-keyout", os.path.join(self.dir, "ca.key"), "-out", self.certificate])

    def card(self, name, subject, extensions="card", start=None, end=None):
        """A card's certificate and key (PEM files); `start`/`end` as YYYYMMDDHHMMSSZ, else 30 days from now."""
        key, csr, cert = (os.path.join(self.dir, name + suffix) for suffix in (".key", ".csr", ".pem"))
        run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", key, "-out", csr])
        dates = ["-startdate", start, "-enddate", end] if start else ["-days", "30"]
        run(["openssl", "ca", "-batch", "-notext", "-config", self.config, "-extensions", extensions, "-in", csr,
             "-out", cert, *dates])
        return cert, key

    def revoke(self, cert):
        run(["openssl", "ca", "-config", self.config, "-revoke", cert])

    def crl(self):
        out = os.path.join(self.dir, "crl.pem")
        run(["openssl", "ca", "-config", self.config, "-gencrl", "-out", out])
        return out



def make_set(folder):
    region = CardIssuer(folder, "Regione")
    cards = {
        "mario": region.card("mario", "/C=IT/O=Regione/SN=ROSSI/GN=MARIO/CN=%s\\/7430035000004540.Gk29K0zbZA=" % MARIO),
        "etsi": region.card("etsi", "/C=IT/O=Regione/SN=ROSSI/GN=MARIO/serialNumber=TINIT-%s/CN=ROSSI MARIO" % MARIO),
        "revoked": region.card("revoked", "/C=IT/O=Regione/CN=%s\\/7430035000009999.revoked=" % MARIO),
        "expired": region.card("expired", "/C=IT/O=Regione/CN=%s\\/7430035000008888.old=" % MARIO,
                               start="20240101000000Z", end="20250101000000Z"),
        "signing": region.card("signing", "/C=IT/O=Regione/CN=%s\\/7430035000007777.sign=" % MARIO,
                               extensions="signing_only"),
        "nameless": region.card("nameless", "/C=IT/O=Regione/CN=Mario Rossi"),
        "stranger": region.card("stranger", "/C=IT/O=Regione/CN=%s\\/7430035000006666.x=" % STRANGER),
    }
    region.revoke(cards["revoked"][0])
    cards["unknown_ca"] = CardIssuer(folder, "Altrove").card("unknown", "/C=IT/O=Altrove/CN=%s\\/1.x=" % MARIO)
    return {"ca": region.certificate, "crl": region.crl(), "cards": cards, "issuer": region}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: cns_cards.py FOLDER")
    made = make_set(sys.argv[1])
    del made["issuer"]
    print(json.dumps(made))
