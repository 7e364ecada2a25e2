/* bs-bsre-certificate.c — see bs-bsre-certificate.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-bsre-certificate.h"
#include "bs-json-read.h"

const char *const bs_bsre_revocation_reasons[] = {
  "unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation", NULL,
};

static void
add_secret (json_object *body, const char *key, const BsSecret *secret)
{
  json_object_object_add (body, key, json_object_new_string (bs_secret_get (secret)));
}

/* Posts @body with the access token; keeps the answer for @read. */
static json_object *
post (BsBsreSession *session, const char *path, json_object *body, GCancellable *cancellable, GError **error)
{
  return bs_bsre_session_call (session, "POST", path, body, BS_BSRE_CALL_ACCOUNT, BS_BSRE_AUTH_BEARER, NULL,
                               cancellable, error);
}

static gboolean
done (json_object *answer)
{
  json_object_put (answer);
  return answer != NULL;
}

/* An answer's string field copied out, or FALSE with the error. */
static gboolean
take_string (json_object *answer, const char *key, char **out, GError **error)
{
  const char *value = answer ? bs_json_string (answer, key, error) : NULL;

  if (out != NULL)
    *out = g_strdup (value);
  json_object_put (answer);
  return value != NULL;
}

gboolean
bs_bsre_change_passphrase (BsBsreSession *session, const BsSecret *old_passphrase, const BsSecret *new_passphrase,
                           GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();

  add_secret (body, "oldPassphrase", old_passphrase);
  add_secret (body, "newPassphrase", new_passphrase);
  return done (post (session, "/api/v2/user/passphrase/change", body, cancellable, error));
}

gboolean
bs_bsre_reset_passphrase (BsBsreSession *session, char **sent_to, GCancellable *cancellable, GError **error)
{
  return take_string (post (session, "/api/v2/user/passphrase/reset", json_object_new_object (), cancellable, error),
                      "sentTo", sent_to, error);
}

gboolean
bs_bsre_request_issuance (BsBsreSession *session, char **sent_to, GCancellable *cancellable, GError **error)
{
  return take_string (post (session, "/api/v2/user/certificate/issue", json_object_new_object (), cancellable, error),
                      "sentTo", sent_to, error);
}

/* The confirmations come from an e-mailed link: no access token needed. */
static json_object *
post_link (BsBsreSession *session, const char *path, json_object *body, GCancellable *cancellable, GError **error)
{
  return bs_bsre_session_call (session, "POST", path, body, BS_BSRE_CALL_ACCOUNT, BS_BSRE_AUTH_NONE, NULL,
                               cancellable, error);
}

gboolean
bs_bsre_confirm_reset (BsBsreSession *session, const BsSecret *token, const BsSecret *new_passphrase,
                       GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();

  add_secret (body, "token", token);
  add_secret (body, "newPassphrase", new_passphrase);
  return done (post_link (session, "/api/v2/user/passphrase/reset/confirm", body, cancellable, error));
}

gboolean
bs_bsre_confirm_issuance (BsBsreSession *session, const BsSecret *token, const BsSecret *passphrase,
                          char **serial, GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();

  add_secret (body, "token", token);
  add_secret (body, "passphrase", passphrase);
  return take_string (post_link (session, "/api/v2/user/certificate/issue/confirm", body, cancellable, error),
                      "serialNumber", serial, error);
}

gboolean
bs_bsre_revoke (BsBsreSession *session, const char *reason, const BsSecret *passphrase, char **revoked_at,
                GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();

  json_object_object_add (body, "reason", json_object_new_string (reason));
  add_secret (body, "passphrase", passphrase);
  return take_string (post (session, "/api/v2/user/certificate/revoke", body, cancellable, error),
                      "revokedAt", revoked_at, error);
}
