/* ds-seal.c — see ds-seal.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-seal.h"
#include "ds-integration.h"
#include "ds-outbox.h"
#include "ds-pdf-job.h"
#include "ds-signing.h"
#include "ds-throttle.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <string.h>

#define ACTIVATION_SECONDS (24 * 3600)
#define SEAL_CODE_SECONDS (5 * 60)

static char *
owner_of (const char *subscriber)
{
  return g_strconcat ("seal:", subscriber, NULL);
}

gboolean
ds_seal_create (DsServer *server, const char *subscriber, const char *institution, const char *email,
                GError **error)
{
  g_autofree char *kek = ds_pki_kek (server->db);
  g_autofree char *name = g_strdup_printf ("Segel Elektronik %s", institution);
  g_autofree char *owner = owner_of (subscriber);
  DsIssued issued;

  /* The key is the server's alone: wrapped under its key-encryption key. */
  if (!ds_pki_issue_user (server->pki, name, email, subscriber, institution, kek, kek, &issued, error))
    return FALSE;
  ds_db_exec (server->db, "INSERT INTO seals (subscriber, institution, email) VALUES (?, ?, ?)",
              subscriber, institution, email, NULL);
  ds_db_exec (server->db, "INSERT INTO certificates (serial, user_id, cert_pem, key_pem, kek_pem) VALUES (?, ?, ?, ?, ?)",
              issued.serial, owner, issued.cert_pem, issued.key_pem, issued.kek_pem, NULL);
  ds_db_audit (server->db, owner, "seal-created", issued.serial);
  ds_issued_clear (&issued);
  return TRUE;
}

static char *
new_code (void)
{
  guint32 r;

  RAND_bytes ((guint8 *) &r, sizeof r);
  return g_strdup_printf ("%06u", r % 1000000);
}

static char *
code_hash (const char *code)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, code, -1);
}

/* Stores @code as the subscriber's one live code of @kind. */
static void
store_code (DsServer *server, const char *subscriber, const char *kind, const char *code, gint64 seconds)
{
  g_autofree char *hash = code_hash (code);
  g_autofree char *expires = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now () + seconds);

  ds_db_exec (server->db, "INSERT OR REPLACE INTO seal_codes (subscriber, kind, code_hash, expires) VALUES (?, ?, ?, ?)",
              subscriber, kind, hash, expires, NULL);
}

static char *
expiry_text (gint64 seconds)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (ds_now () + seconds);

  return g_date_time_format_iso8601 (at);
}

/* The body's subscriber when it is a seal of the integration's own
 * institution; another institution's seal is as unknown as none. */
static const char *
own_subscriber (DsRequest *req)
{
  const char *subscriber;
  g_autofree char *institution = NULL;
  g_autofree char *owner = NULL;

  if (!ds_require_basic (req) || (subscriber = ds_require_string (req, "idSubscriber")) == NULL)
    return NULL;
  institution = ds_integration_institution (req->server, req->integration);
  owner = ds_db_get (req->server->db, "SELECT institution FROM seals WHERE subscriber = ?", subscriber, NULL);
  if (owner == NULL || g_strcmp0 (owner, institution) != 0)
    {
      ds_reply_error (req, 404, "NOT_FOUND", 4044, "idSubscriber tidak ditemukan", NULL);
      return NULL;
    }
  return subscriber;
}

/* Checks the body's "totp" against the live code of @kind; a right one
 * is consumed when @consume. Replies when it is refused. */
static gboolean
check_code (DsRequest *req, const char *subscriber, const char *kind, gboolean consume)
{
  const char *code = ds_require_string (req, "totp");
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now ());
  g_autofree char *live = NULL;
  g_autofree char *hash = NULL;
  json_object *extra;
  guint left;

  if (code == NULL || ds_throttle_refuse (req, &ds_limit_seal_code, subscriber))
    return FALSE;
  live = ds_db_get (req->server->db, "SELECT code_hash FROM seal_codes WHERE subscriber = ? AND kind = ? AND expires > ?",
                    subscriber, kind, now, NULL);
  hash = code_hash (code);
  if (live != NULL && ds_secret_equal (live, hash))
    {
      ds_throttle_clear (req->server, &ds_limit_seal_code, subscriber);
      if (consume)
        ds_db_exec (req->server->db, "DELETE FROM seal_codes WHERE subscriber = ? AND kind = ?", subscriber, kind, NULL);
      return TRUE;
    }
  left = ds_throttle_count (req->server, &ds_limit_seal_code, subscriber);
  if (left == 0)
    {
      ds_throttle_reply (req, &ds_limit_seal_code, ds_limit_seal_code.lock);
      return FALSE;
    }
  extra = json_object_new_object ();
  json_object_object_add (extra, "attemptsLeft", json_object_new_int64 (left));
  ds_reply_error (req, 401, "INVALID_OTP", 4012, "Kode TOTP salah, kedaluwarsa, atau sudah digunakan", extra);
  return FALSE;
}

static json_object *
success (const char *message)
{
  json_object *o = json_object_new_object ();

  json_object_object_add (o, "success", json_object_new_boolean (TRUE));
  json_object_object_add (o, "message", json_object_new_string (message));
  return o;
}

static void
mail_activation (DsRequest *req, const char *subscriber)
{
  g_autofree char *email = ds_db_get (req->server->db, "SELECT email FROM seals WHERE subscriber = ?", subscriber, NULL);
  g_autofree char *masked = ds_outbox_mask (email);
  g_autofree char *code = new_code ();
  g_autofree char *body = g_strdup_printf ("Kode aktivasi segel elektronik %s: %s\r\n\r\nKode ini berlaku 24 jam. "
                                           "Perbarui sebelum habis masa berlakunya.\r\nJangan berikan kode ini "
                                           "kepada siapa pun.", subscriber, code);
  g_autofree char *owner = owner_of (subscriber);
  json_object *o;

  ds_db_begin (req->server->db);
  store_code (req->server, subscriber, "activation", code, ACTIVATION_SECONDS);
  ds_throttle_count (req->server, &ds_limit_seal_requests, subscriber);
  ds_db_audit (req->server->db, owner, "seal-activation-mailed", req->integration);
  ds_db_commit (req->server->db);
  OPENSSL_cleanse (code, strlen (code));
  ds_outbox_send (req->server, email, "Kode Aktivasi Segel Elektronik", body);
  OPENSSL_cleanse (body, strlen (body));
  o = success ("Kode aktivasi telah dikirim ke email pengelola segel");
  json_object_object_add (o, "sentTo", json_object_new_string (masked));
  ds_reply_json (req, 200, o);
}

static void
refresh_activation (DsRequest *req, const char *subscriber)
{
  g_autofree char *code = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *owner = owner_of (subscriber);
  json_object *o, *data;

  if (!check_code (req, subscriber, "activation", TRUE))
    return;
  code = new_code ();
  expires = expiry_text (ACTIVATION_SECONDS);
  ds_db_begin (req->server->db);
  store_code (req->server, subscriber, "activation", code, ACTIVATION_SECONDS);
  ds_db_audit (req->server->db, owner, "seal-activation-refreshed", req->integration);
  ds_db_commit (req->server->db);
  data = json_object_new_object ();
  json_object_object_add (data, "totp", json_object_new_string (code));
  json_object_object_add (data, "expiredAt", json_object_new_string (expires));
  o = success ("Kode aktivasi segel telah diperbarui");
  json_object_object_add (o, "data", data);
  OPENSSL_cleanse (code, strlen (code));
  ds_reply_json (req, 200, o);
}

/* Without "totp": a new activation code by e-mail; with the live one: a
 * fresh code in the answer. */
static void
route_activation (DsRequest *req)
{
  const char *subscriber = own_subscriber (req);
  const char *totp = NULL;

  if (subscriber == NULL || !ds_optional_string (req, "totp", &totp))
    return;
  if (totp != NULL && *totp != '\0')
    refresh_activation (req, subscriber);
  else if (!ds_throttle_refuse (req, &ds_limit_seal_requests, subscriber))
    mail_activation (req, subscriber);
}

static void
route_revoke (DsRequest *req)
{
  const char *subscriber = own_subscriber (req);
  g_autofree char *owner = NULL;

  if (subscriber == NULL || !check_code (req, subscriber, "activation", TRUE))
    return;
  owner = owner_of (subscriber);
  ds_db_begin (req->server->db);
  ds_db_exec (req->server->db, "DELETE FROM seal_codes WHERE subscriber = ?", subscriber, NULL);
  ds_db_audit (req->server->db, owner, "seal-activation-revoked", req->integration);
  ds_db_commit (req->server->db);
  ds_reply_json (req, 200, success ("Aktivasi segel elektronik telah dicabut"));
}

static void
route_seal_code (DsRequest *req)
{
  const char *subscriber = own_subscriber (req);
  g_autofree char *code = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *owner = NULL;
  json_object *o;

  if (subscriber == NULL || ds_throttle_refuse (req, &ds_limit_seal_requests, subscriber)
      || !check_code (req, subscriber, "activation", FALSE))
    return;
  code = new_code ();
  expires = expiry_text (SEAL_CODE_SECONDS);
  owner = owner_of (subscriber);
  ds_db_begin (req->server->db);
  store_code (req->server, subscriber, "seal", code, SEAL_CODE_SECONDS);
  ds_throttle_count (req->server, &ds_limit_seal_requests, subscriber);
  ds_db_audit (req->server->db, owner, "seal-code", req->integration);
  ds_db_commit (req->server->db);
  o = success ("Kode TOTP segel berhasil dibuat");
  json_object_object_add (o, "result", json_object_new_boolean (TRUE));
  json_object_object_add (o, "totp", json_object_new_string (code));
  json_object_object_add (o, "expiredAt", json_object_new_string (expires));
  OPENSSL_cleanse (code, strlen (code));
  ds_reply_json (req, 200, o);
}

static void
route_seal_pdf (DsRequest *req)
{
  const char *subscriber = own_subscriber (req);
  g_autofree char *owner = NULL;
  g_autofree char *kek = NULL;
  g_autofree char *kek_pem = NULL;
  STACK_OF (X509) *chain;
  EVP_PKEY *key;

  if (subscriber == NULL || ds_pdf_job_files (req) == NULL || !check_code (req, subscriber, "seal", TRUE))
    return;
  owner = owner_of (subscriber);
  kek = ds_pki_kek (req->server->db);
  kek_pem = ds_db_get (req->server->db, "SELECT kek_pem FROM certificates WHERE user_id = ? AND current = 1",
                       owner, NULL);
  key = kek_pem ? ds_pki_open_key (kek_pem, kek) : NULL;
  if (key == NULL)
    {
      ds_reply_error (req, 500, "SERVER_ERROR", 5000, "Kunci segel tidak dapat dibuka", NULL);
      return;
    }
  chain = ds_user_chain (req->server, owner);
  ds_pdf_job_run (req, key, chain, owner, "seal-pdf");
  EVP_PKEY_free (key);
  sk_X509_pop_free (chain, X509_free);
}

const DsRouteSpec ds_routes_seal[] = {
  { "POST /api/v2/seal/get/activation", route_activation },
  { "POST /api/v2/seal/revoke/activation", route_revoke },
  { "POST /api/v2/seal/get/totp", route_seal_code },
  { "POST /api/v2/seal/pdf", route_seal_pdf },
  { NULL, NULL },
};
