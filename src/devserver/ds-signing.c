/* ds-signing.c — /api/v2/sign/get/totp, /sign/hash, /user/check/status,
 * /user/certificate/chain/{id}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-signing.h"
#include "ds-accounts.h"
#include "ds-email-otp.h"
#include "ds-integration.h"
#include "ds-status.h"
#include "ds-throttle.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <string.h>

#define MAX_HASHES 100

STACK_OF (X509) *
ds_user_chain (DsServer *server, const char *user_id)
{
  g_autofree char *pem = ds_db_get (server->db, "SELECT cert_pem FROM certificates WHERE user_id = ? AND current = 1",
                                    user_id, NULL);
  STACK_OF (X509) *chain = sk_X509_new_null ();
  X509 *cert = pem ? ds_pem_to_x509 (pem) : NULL;

  if (cert == NULL)
    return chain;
  sk_X509_push (chain, cert);
  X509_up_ref (ds_pki_ca (server->pki));
  sk_X509_push (chain, ds_pki_ca (server->pki));
  X509_up_ref (ds_pki_root (server->pki));
  sk_X509_push (chain, ds_pki_root (server->pki));
  return chain;
}

static gboolean
reply_if_not_active (DsRequest *req, const char *user_id)
{
  g_autofree char *status = ds_db_get (req->server->db, "SELECT status FROM users WHERE id = ?", user_id, NULL);
  json_object *extra;

  if (g_strcmp0 (status, "ISSUE") == 0)
    return FALSE;
  extra = json_object_new_object ();
  json_object_object_add (extra, "status", json_object_new_string (status ? status : "NOT_REGISTERED"));
  ds_reply_error (req, 409, "CERTIFICATE_NOT_ACTIVE", 4091, ds_status_message (status), extra);
  return TRUE;
}

/* The wrong passphrase answer: attemptsLeft, or LOCKED when none are left. */
static void
reply_wrong_passphrase (DsRequest *req, const char *user_id, guint http_status)
{
  guint left = ds_throttle_count (req->server, &ds_limit_passphrase, user_id);
  json_object *extra;

  ds_db_audit (req->server->db, user_id, left ? "wrong-passphrase" : "locked", NULL);
  if (left == 0)
    {
      ds_throttle_reply (req, &ds_limit_passphrase, ds_limit_passphrase.lock);
      return;
    }
  extra = json_object_new_object ();
  json_object_object_add (extra, "attemptsLeft", json_object_new_int64 (left));
  ds_reply_error (req, http_status, "INVALID_PASSPHRASE", 2031, "Passphrase anda salah", extra);
}

EVP_PKEY *
ds_passphrase_key (DsRequest *req, const char *user_id, const char *passphrase, guint wrong_status)
{
  g_autofree char *key_pem = NULL;
  EVP_PKEY *key;

  if (ds_throttle_refuse (req, &ds_limit_passphrase, user_id))
    return NULL;
  key = ds_key_cache_lookup (req->server->keys, user_id, passphrase);
  if (key == NULL)
    {
      key_pem = ds_db_get (req->server->db, "SELECT key_pem FROM certificates WHERE user_id = ? AND current = 1",
                           user_id, NULL);
      key = key_pem ? ds_pki_open_key (key_pem, passphrase) : NULL;
      if (key != NULL)
        ds_key_cache_store (req->server->keys, user_id, passphrase, key);
    }
  if (key == NULL)
    {
      reply_wrong_passphrase (req, user_id, wrong_status);
      return NULL;
    }
  ds_throttle_clear (req->server, &ds_limit_passphrase, user_id);
  return key;
}

EVP_PKEY *
ds_authorize_signing (DsRequest *req, const char *user_id)
{
  const char *passphrase = NULL, *totp = NULL, *otp = NULL;

  if (!ds_optional_string (req, "passphrase", &passphrase) || !ds_optional_string (req, "totp", &totp)
      || !ds_optional_string (req, "otp", &otp))
    return NULL;
  /* A passphrase lock stops e-mailed codes too: the account is under attack. */
  if (ds_throttle_refuse (req, &ds_limit_passphrase, user_id) || reply_if_not_active (req, user_id))
    return NULL;
  if (passphrase == NULL && (totp != NULL || otp != NULL))
    return ds_email_otp_key (req, user_id, totp ? totp : otp);
  if (passphrase == NULL)
    {
      ds_reply_bad_request (req, "Kolom passphrase atau totp wajib diisi");
      return NULL;
    }
  return ds_passphrase_key (req, user_id, passphrase, 400);
}

static GBytes *
sign_digest (EVP_PKEY *key, const guint8 *digest, gsize len)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey (NULL, key, NULL);
  size_t sig_len = 0;
  guint8 *sig = NULL;
  GBytes *out = NULL;

  if (ctx != NULL && EVP_PKEY_sign_init (ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING) == 1
      && EVP_PKEY_CTX_set_signature_md (ctx, EVP_sha256 ()) == 1
      && EVP_PKEY_sign (ctx, NULL, &sig_len, digest, len) == 1)
    {
      sig = g_malloc (sig_len);
      if (EVP_PKEY_sign (ctx, sig, &sig_len, digest, len) == 1)
        out = g_bytes_new_take (g_steal_pointer (&sig), sig_len);
    }
  g_free (sig);
  EVP_PKEY_CTX_free (ctx);
  ERR_clear_error ();
  return out;
}

static json_object *
chain_json (STACK_OF (X509) *chain)
{
  json_object *a = json_object_new_array ();

  for (int i = 0; i < sk_X509_num (chain); i++)
    {
      g_autoptr(GBytes) der = ds_x509_to_der (sk_X509_value (chain, i));
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
      json_object_array_add (a, json_object_new_string (b64));
    }
  return a;
}

static json_object *
hashes_of (DsRequest *req)
{
  json_object *hashes = NULL, *alg = NULL;

  if (!json_object_object_get_ex (req->body, "digestAlgorithm", &alg)
      || g_strcmp0 (json_object_get_string (alg), "SHA256") != 0)
    {
      ds_reply_bad_request (req, "Kolom digestAlgorithm harus SHA256");
      return NULL;
    }
  if (!json_object_object_get_ex (req->body, "hashes", &hashes) || !json_object_is_type (hashes, json_type_array)
      || json_object_array_length (hashes) == 0 || json_object_array_length (hashes) > MAX_HASHES)
    {
      ds_reply_bad_request (req, "Kolom hashes harus berisi 1 sampai 100 hash");
      return NULL;
    }
  return hashes;
}

static json_object *
sign_all (DsRequest *req, EVP_PKEY *key, json_object *hashes)
{
  json_object *out = json_object_new_array ();

  for (size_t i = 0; i < json_object_array_length (hashes); i++)
    {
      json_object *h = json_object_array_get_idx (hashes, i), *id = NULL, *hash = NULL;
      g_autofree guint8 *digest = NULL;
      g_autoptr(GBytes) sig = NULL;
      g_autofree char *b64 = NULL;
      gsize len = 0;
      json_object *s;

      if (!json_object_object_get_ex (h, "id", &id) || !json_object_object_get_ex (h, "hash", &hash)
          || !json_object_is_type (hash, json_type_string)
          || (digest = g_base64_decode (json_object_get_string (hash), &len), len != 32)
          || (sig = sign_digest (key, digest, len)) == NULL)
        {
          json_object_put (out);
          ds_reply_bad_request (req, "Setiap hash harus berisi id dan hash SHA-256 dalam base64");
          return NULL;
        }
      b64 = g_base64_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
      s = json_object_new_object ();
      json_object_object_add (s, "id", json_object_get (id));
      json_object_object_add (s, "signature", json_object_new_string (b64));
      json_object_array_add (out, s);
    }
  return out;
}

static void
route_sign_hash (DsRequest *req)
{
  json_object *hashes, *signatures, *o;
  EVP_PKEY *key;
  STACK_OF (X509) *chain;
  g_autofree char *count = NULL;

  if (ds_require_user (req) == NULL || (hashes = hashes_of (req)) == NULL)
    return;
  key = ds_authorize_signing (req, req->user_id);
  if (key == NULL)
    return;
  signatures = sign_all (req, key, hashes);
  EVP_PKEY_free (key);
  if (signatures == NULL)
    return;
  chain = ds_user_chain (req->server, req->user_id);
  count = g_strdup_printf ("%zu", json_object_array_length (signatures));
  ds_db_begin (req->server->db);
  ds_db_audit (req->server->db, req->user_id, "sign-hash", count);
  ds_db_commit (req->server->db);
  o = json_object_new_object ();
  json_object_object_add (o, "signatureAlgorithm", json_object_new_string ("RSA_PKCS1_SHA256"));
  json_object_object_add (o, "signatures", signatures);
  json_object_object_add (o, "certificateChain", chain_json (chain));
  sk_X509_pop_free (chain, X509_free);
  ds_reply_json (req, 200, o);
}

char *
ds_named_signer (DsRequest *req)
{
  const char *nik = NULL, *email = NULL;
  char *user;

  if (!ds_optional_string (req, "nik", &nik) || !ds_optional_string (req, "email", &email))
    return NULL;
  if ((nik == NULL || *nik == '\0') && (email == NULL || *email == '\0'))
    {
      ds_reply_bad_request (req, "Kolom nik atau email wajib diisi");
      return NULL;
    }
  user = ds_db_get (req->server->db, "SELECT id FROM users WHERE nik = ? OR email = ?", nik && *nik ? nik : "",
                    email && *email ? email : "", NULL);
  if (user == NULL)
    {
      ds_reply_error (req, 404, "NOT_FOUND", 2011, "User belum terdaftar", NULL);
      return NULL;
    }
  /* An account signs for itself only; an integration for any signer. */
  if (req->user_id != NULL && !g_str_equal (req->user_id, user))
    {
      g_free (user);
      ds_reply_error (req, 403, "FORBIDDEN", 4030, "Akun ini tidak dapat bertindak atas nama pengguna lain", NULL);
      return NULL;
    }
  return user;
}

/* Always 200, the state in the body; a body naming nobody is a user the
 * service does not know (2011), as on the real service. */
static void
route_check_status (DsRequest *req)
{
  const char *nik = NULL, *email = NULL;
  g_autofree char *user = NULL;
  g_autofree char *status = NULL;
  json_object *o;

  if (!ds_require_integration (req) || !ds_optional_string (req, "nik", &nik)
      || !ds_optional_string (req, "email", &email))
    return;
  if ((nik && *nik) || (email && *email))
    user = ds_db_get (req->server->db, "SELECT id FROM users WHERE nik = ? OR email = ?", nik ? nik : "",
                      email ? email : "", NULL);
  status = user ? ds_db_get (req->server->db, "SELECT status FROM users WHERE id = ?", user, NULL)
                : g_strdup ("NOT_REGISTERED");
  o = json_object_new_object ();
  json_object_object_add (o, "status_code", json_object_new_int (ds_status_code (status)));
  json_object_object_add (o, "message", json_object_new_string (ds_status_message (status)));
  json_object_object_add (o, "status", json_object_new_string (status));
  ds_reply_json (req, 200, o);
}

static void
route_chain (DsRequest *req)
{
  const char *id = strrchr (req->path, '/') + 1;
  g_autofree char *user = NULL;
  STACK_OF (X509) *chain;
  json_object *o;

  if (!ds_require_integration (req))
    return;
  user = ds_accounts_find (req->server, id);
  chain = user ? ds_user_chain (req->server, user) : NULL;
  if (chain == NULL || sk_X509_num (chain) == 0)
    {
      /* The real service answers an unknown id with a non-JSON 400. */
      req->status = 400;
      soup_server_message_set_status (req->msg, 400, NULL);
      soup_server_message_set_response (req->msg, "text/plain", SOUP_MEMORY_STATIC, "Bad Request", 11);
      sk_X509_pop_free (chain, X509_free);
      return;
    }
  o = json_object_new_object ();
  json_object_object_add (o, "success", json_object_new_boolean (TRUE));
  json_object_object_add (o, "data", chain_json (chain));
  sk_X509_pop_free (chain, X509_free);
  ds_reply_json (req, 200, o);
}

const DsRouteSpec ds_routes_signing[] = {
  { "POST /api/v2/sign/hash", route_sign_hash },
  { "POST /api/v2/user/check/status", route_check_status },
  { "GET /api/v2/user/certificate/chain/*", route_chain },
  /* Integrations of the older API call it without "/v2". */
  { "GET /api/user/certificate/chain/*", route_chain },
  { NULL, NULL },
};
