/* ds-signing.c — /api/v2/sign/get/totp, /sign/hash, /user/check/status,
 * /user/certificate/chain/{id}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-signing.h"
#include "ds-accounts.h"
#include "ds-outbox.h"
#include "ds-status.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <string.h>

#define MAX_FAILED_PASSPHRASES 5
#define LOCK_SECONDS (15 * 60)
#define EMAIL_OTP_SECONDS (5 * 60)
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
reply_if_locked (DsRequest *req, const char *user_id)
{
  g_autofree char *until = ds_db_get (req->server->db, "SELECT locked_until FROM users WHERE id = ?", user_id, NULL);
  gint64 left = (until ? g_ascii_strtoll (until, NULL, 10) : 0) - ds_now ();
  json_object *extra;

  if (left <= 0)
    return FALSE;
  extra = json_object_new_object ();
  json_object_object_add (extra, "retryAfter", json_object_new_int64 (left));
  ds_reply_error (req, 403, "LOCKED", 4031, "Terlalu banyak percobaan gagal, silakan coba lagi nanti", extra);
  return TRUE;
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

static void
count_failure (DsRequest *req, const char *user_id)
{
  g_autofree char *failed_text = NULL;
  gint64 failed;
  json_object *extra;

  ds_db_begin (req->server->db);
  ds_db_exec (req->server->db, "UPDATE users SET failed_passphrases = failed_passphrases + 1 WHERE id = ?", user_id, NULL);
  failed_text = ds_db_get (req->server->db, "SELECT failed_passphrases FROM users WHERE id = ?", user_id, NULL);
  failed = g_ascii_strtoll (failed_text, NULL, 10);
  if (failed >= MAX_FAILED_PASSPHRASES)
    {
      g_autofree char *until = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now () + LOCK_SECONDS);
      ds_db_exec (req->server->db, "UPDATE users SET locked_until = ?, failed_passphrases = 0 WHERE id = ?",
                  until, user_id, NULL);
      ds_db_audit (req->server->db, user_id, "locked", NULL);
      ds_db_commit (req->server->db);
      reply_if_locked (req, user_id);
      return;
    }
  ds_db_audit (req->server->db, user_id, "wrong-passphrase", NULL);
  ds_db_commit (req->server->db);
  extra = json_object_new_object ();
  json_object_object_add (extra, "attemptsLeft", json_object_new_int64 (MAX_FAILED_PASSPHRASES - failed));
  ds_reply_error (req, 400, "INVALID_PASSPHRASE", 2031, "Passphrase anda salah", extra);
}

static gboolean
consume_email_otp (DsRequest *req, const char *user_id, const char *code)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, code, -1);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now ());
  g_autofree char *found = NULL;

  ds_db_begin (req->server->db);
  found = ds_db_get (req->server->db, "SELECT code_hash FROM email_otps WHERE user_id = ? AND code_hash = ? AND expires > ?",
                     user_id, hash, now, NULL);
  /* Single use: the code is gone once it authorised a request. */
  if (found != NULL)
    ds_db_exec (req->server->db, "DELETE FROM email_otps WHERE user_id = ? AND code_hash = ?", user_id, hash, NULL);
  ds_db_commit (req->server->db);
  return found != NULL && ds_secret_equal (found, hash);
}

EVP_PKEY *
ds_authorize_signing (DsRequest *req, const char *user_id)
{
  const char *passphrase = NULL, *totp = NULL, *otp = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  EVP_PKEY *key;
  char **row;

  if (!ds_optional_string (req, "passphrase", &passphrase) || !ds_optional_string (req, "totp", &totp)
      || !ds_optional_string (req, "otp", &otp))
    return NULL;
  if (reply_if_locked (req, user_id) || reply_if_not_active (req, user_id))
    return NULL;
  rows = ds_db_rows (req->server->db, "SELECT key_pem, kek_pem FROM certificates WHERE user_id = ? AND current = 1",
                     user_id, NULL);
  row = rows->len ? g_ptr_array_index (rows, 0) : NULL;
  if (passphrase == NULL && (totp != NULL || otp != NULL))
    {
      g_autofree char *kek = NULL;
      if (row == NULL || !consume_email_otp (req, user_id, totp ? totp : otp))
        {
          ds_reply_error (req, 401, "INVALID_OTP", 4012, "Kode OTP salah, kedaluwarsa, atau sudah digunakan", NULL);
          return NULL;
        }
      kek = ds_pki_kek (req->server->db);
      return ds_pki_open_key (row[1], kek);
    }
  if (passphrase == NULL)
    {
      ds_reply_bad_request (req, "Kolom passphrase atau totp wajib diisi");
      return NULL;
    }
  key = row ? ds_key_cache_lookup (req->server->keys, user_id, passphrase) : NULL;
  if (key == NULL && row != NULL && (key = ds_pki_open_key (row[0], passphrase)) != NULL)
    ds_key_cache_store (req->server->keys, user_id, passphrase, key);
  if (key == NULL)
    {
      count_failure (req, user_id);
      return NULL;
    }
  ds_db_exec (req->server->db, "UPDATE users SET failed_passphrases = 0 WHERE id = ?", user_id, NULL);
  return key;
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

static char *
user_of_body (DsRequest *req)
{
  const char *nik = NULL, *email = NULL;

  if (!ds_optional_string (req, "nik", &nik) || !ds_optional_string (req, "email", &email))
    return NULL;
  if (nik == NULL && email == NULL)
    {
      ds_reply_bad_request (req, "Kolom nik atau email wajib diisi");
      return NULL;
    }
  return g_strdup (nik ? nik : email);
}

static void
route_email_otp (DsRequest *req)
{
  g_autofree char *who = user_of_body (req);
  g_autofree char *user = who ? ds_accounts_find (req->server, who) : NULL;
  g_autofree char *email = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *body = NULL;
  json_object *data = NULL, *o;
  guint32 r;
  char code[7];

  if (who == NULL)
    return;
  if (user == NULL)
    {
      ds_reply_error (req, 404, "NOT_FOUND", 4044, "User tidak ditemukan", NULL);
      return;
    }
  req->user_id = g_strdup (user);
  json_object_object_get_ex (req->body, "data", &data);
  RAND_bytes ((guint8 *) &r, sizeof r);
  g_snprintf (code, sizeof code, "%06u", r % 1000000);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, code, -1);
  expires = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now () + EMAIL_OTP_SECONDS);
  email = ds_db_get (req->server->db, "SELECT email FROM users WHERE id = ?", user, NULL);
  body = g_strdup_printf ("Kode OTP penandatanganan anda: %s\r\n\r\nKode ini berlaku 5 menit, untuk %d dokumen, "
                          "dan hanya dapat digunakan satu kali.\r\nJangan berikan kode ini kepada siapa pun.",
                          code, data ? MAX (json_object_get_int (data), 1) : 1);
  ds_db_begin (req->server->db);
  ds_db_exec (req->server->db, "INSERT INTO email_otps (user_id, code_hash, expires) VALUES (?, ?, ?)",
              user, hash, expires, NULL);
  ds_db_audit (req->server->db, user, "email-otp", NULL);
  ds_db_commit (req->server->db);
  OPENSSL_cleanse (code, sizeof code);
  ds_outbox_send (req->server, email, "Kode OTP Tanda Tangan Elektronik", body);
  OPENSSL_cleanse (body, strlen (body));
  o = json_object_new_object ();
  json_object_object_add (o, "success", json_object_new_boolean (TRUE));
  json_object_object_add (o, "message", json_object_new_string ("Kode OTP telah dikirim ke email dinas anda"));
  ds_reply_json (req, 200, o);
}

static void
route_check_status (DsRequest *req)
{
  g_autofree char *who = user_of_body (req);
  g_autofree char *user = who ? ds_accounts_find (req->server, who) : NULL;
  g_autofree char *status = user ? ds_db_get (req->server->db, "SELECT status FROM users WHERE id = ?", user, NULL)
                                 : g_strdup ("NOT_REGISTERED");
  json_object *o;

  if (who == NULL)
    return;
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
  g_autofree char *user = ds_accounts_find (req->server, id);
  STACK_OF (X509) *chain = user ? ds_user_chain (req->server, user) : NULL;
  json_object *o;

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
  { "POST /api/v2/sign/get/totp", route_email_otp },
  { "POST /api/v2/sign/hash", route_sign_hash },
  { "POST /api/v2/user/check/status", route_check_status },
  { "GET /api/v2/user/certificate/chain/*", route_chain },
  { NULL, NULL },
};
