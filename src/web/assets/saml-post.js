// The AuthnRequest's form goes to the identity provider by itself; without JavaScript, the Continua button sends it.
document.getElementById("saml-post").submit();
