/* ds-email-otp.c — see ds-email-otp.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-email-otp.h"
#include "ds-integration.h"
#include "ds-outbox.h"
#include "ds-signing.h"
#include "ds-throttle.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <string.h>

#define CODE_SECONDS (5 * 60)

static char *
code_hash (const char *code)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, code, -1);
}

static void
reply_wrong_code (DsRequest *req, const char *user_id)
{
  guint left = ds_throttle_count (req->server, &ds_limit_email_otp, user_id);
  json_object *extra;

  ds_db_audit (req->server->db, user_id, "wrong-email-otp", NULL);
  if (left == 0)
    {
      /* The code under attack dies with the lock: a new one must be asked for. */
      ds_db_exec (req->server->db, "DELETE FROM email_otps WHERE user_id = ?", user_id, NULL);
      ds_throttle_reply (req, &ds_limit_email_otp, ds_limit_email_otp.lock);
      return;
    }
  extra = json_object_new_object ();
  json_object_object_add (extra, "attemptsLeft", json_object_new_int64 (left));
  ds_reply_error (req, 401, "INVALID_OTP", 4012, "Kode OTP salah, kedaluwarsa, atau sudah digunakan", extra);
}

EVP_PKEY *
ds_email_otp_key (DsRequest *req, const char *user_id, const char *code)
{
  g_autofree char *hash = code_hash (code);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now ());
  g_autofree char *live = NULL;
  g_autofree char *kek_pem = NULL;
  g_autofree char *kek = NULL;

  if (ds_throttle_refuse (req, &ds_limit_email_otp, user_id))
    return NULL;
  live = ds_db_get (req->server->db, "SELECT code_hash FROM email_otps WHERE user_id = ? AND expires > ?",
                    user_id, now, NULL);
  kek_pem = ds_db_get (req->server->db, "SELECT kek_pem FROM certificates WHERE user_id = ? AND current = 1",
                       user_id, NULL);
  if (live == NULL || kek_pem == NULL || !ds_secret_equal (live, hash))
    {
      reply_wrong_code (req, user_id);
      return NULL;
    }
  /* Single use: the code is gone once it authorised a request. */
  ds_db_exec (req->server->db, "DELETE FROM email_otps WHERE user_id = ?", user_id, NULL);
  ds_throttle_clear (req->server, &ds_limit_email_otp, user_id);
  /* The mailbox proved who asks: the server's own copy of the key opens. */
  kek = ds_pki_kek (req->server->db);
  return ds_pki_open_key (kek_pem, kek);
}

static guint
documents_of (DsRequest *req)
{
  json_object *data = NULL;

  /* "data" is the number of files the code will sign; integrators send it
   * as a number or as a string. */
  if (!json_object_object_get_ex (req->body, "data", &data) || data == NULL)
    return 1;
  return (guint) CLAMP (json_object_get_int (data), 1, 1000);
}

/* Stores @user_id's new code in place of any earlier one and mails it. */
static void
send_code (DsRequest *req, const char *user_id, guint documents)
{
  g_autofree char *email = ds_db_get (req->server->db, "SELECT email FROM users WHERE id = ?", user_id, NULL);
  g_autofree char *expires = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now () + CODE_SECONDS);
  g_autofree char *hash = NULL;
  g_autofree char *body = NULL;
  guint32 r;
  char code[7];

  RAND_bytes ((guint8 *) &r, sizeof r);
  g_snprintf (code, sizeof code, "%06u", r % 1000000);
  hash = code_hash (code);
  body = g_strdup_printf ("Kode OTP penandatanganan anda: %s\r\n\r\nKode ini berlaku 5 menit, untuk %u dokumen, "
                          "dan hanya dapat digunakan satu kali.\r\nJangan berikan kode ini kepada siapa pun.",
                          code, documents);
  ds_db_begin (req->server->db);
  ds_db_exec (req->server->db, "DELETE FROM email_otps WHERE user_id = ?", user_id, NULL);
  ds_db_exec (req->server->db, "INSERT INTO email_otps (user_id, code_hash, expires) VALUES (?, ?, ?)",
              user_id, hash, expires, NULL);
  ds_throttle_count (req->server, &ds_limit_otp_requests, user_id);
  ds_db_audit (req->server->db, user_id, "email-otp", req->integration);
  ds_db_commit (req->server->db);
  OPENSSL_cleanse (code, sizeof code);
  ds_outbox_send (req->server, email, "Kode OTP Tanda Tangan Elektronik", body);
  OPENSSL_cleanse (body, strlen (body));
}

static void
route_email_otp (DsRequest *req)
{
  g_autofree char *user = NULL;
  json_object *o;

  if (!ds_require_integration (req) || (user = ds_named_signer (req)) == NULL)
    return;
  if (ds_throttle_refuse (req, &ds_limit_otp_requests, user) || ds_throttle_refuse (req, &ds_limit_email_otp, user))
    return;
  if (req->user_id == NULL)
    req->user_id = g_strdup (user);
  send_code (req, user, documents_of (req));
  o = json_object_new_object ();
  json_object_object_add (o, "success", json_object_new_boolean (TRUE));
  json_object_object_add (o, "message", json_object_new_string ("Kode OTP telah dikirim ke email dinas anda"));
  ds_reply_json (req, 200, o);
}

const DsRouteSpec ds_routes_email_otp[] = {
  { "POST /api/v2/sign/get/totp", route_email_otp },
  { NULL, NULL },
};
