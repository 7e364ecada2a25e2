/* ds-certificates.c — /api/v2/user/passphrase/... and /user/certificate/....
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-certificates.h"
#include "ds-outbox.h"
#include "ds-signing.h"
#include "ds-throttle.h"

#include <openssl/crypto.h>
#include <string.h>

#define LINK_SECONDS (60 * 60)
#define MIN_PASSPHRASE 8

gboolean
ds_certificates_issue (DsServer *server, const char *user_id, const char *passphrase,
                       char **serial_out, GError **error)
{
  g_autoptr(GPtrArray) rows = ds_db_rows (server->db, "SELECT name, email, nik, organization FROM users WHERE id = ?",
                                          user_id, NULL);
  g_autofree char *kek = ds_pki_kek (server->db);
  DsIssued issued;
  char **u;

  if (rows->len == 0)
    return FALSE;
  u = g_ptr_array_index (rows, 0);
  if (!ds_pki_issue_user (server->pki, u[0], u[1], u[2], u[3], passphrase, kek, &issued, error))
    return FALSE;
  ds_db_exec (server->db, "UPDATE certificates SET current = 0 WHERE user_id = ?", user_id, NULL);
  ds_db_exec (server->db, "INSERT INTO certificates (serial, user_id, cert_pem, key_pem, kek_pem) VALUES (?, ?, ?, ?, ?)",
              issued.serial, user_id, issued.cert_pem, issued.key_pem, issued.kek_pem, NULL);
  ds_db_exec (server->db, "UPDATE users SET status = 'ISSUE' WHERE id = ?", user_id, NULL);
  ds_db_audit (server->db, user_id, "certificate-issued", issued.serial);
  if (serial_out != NULL)
    *serial_out = g_strdup (issued.serial);
  ds_issued_clear (&issued);
  return TRUE;
}

static gboolean
weak (DsRequest *req, const char *passphrase, const char *old)
{
  if (g_utf8_strlen (passphrase, -1) < MIN_PASSPHRASE)
    {
      ds_reply_bad_request (req, "Passphrase baru minimal 8 karakter");
      return TRUE;
    }
  if (old != NULL && g_str_equal (passphrase, old))
    {
      ds_reply_bad_request (req, "Passphrase baru tidak boleh sama dengan passphrase lama");
      return TRUE;
    }
  return FALSE;
}

static char *
current_key (DsServer *server, const char *user_id, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM certificates WHERE user_id = ? AND current = 1", column);

  return ds_db_get (server->db, sql, user_id, NULL);
}

static void
route_change (DsRequest *req)
{
  const char *old = ds_require_user (req) ? ds_require_string (req, "oldPassphrase") : NULL;
  const char *new_pass = old ? ds_require_string (req, "newPassphrase") : NULL;
  g_autofree char *rewrapped = NULL;
  EVP_PKEY *key;

  if (new_pass == NULL || weak (req, new_pass, old))
    return;
  key = ds_passphrase_key (req, req->user_id, old, 403);
  if (key == NULL)
    return;
  rewrapped = ds_pki_wrap_key (key, new_pass);
  EVP_PKEY_free (key);
  if (rewrapped == NULL)
    {
      ds_reply_error (req, 500, "SERVER_ERROR", 5000, "Passphrase tidak dapat diubah", NULL);
      return;
    }
  ds_db_begin (req->server->db);
  ds_db_exec (req->server->db, "UPDATE certificates SET key_pem = ? WHERE user_id = ? AND current = 1",
              rewrapped, req->user_id, NULL);
  ds_db_audit (req->server->db, req->user_id, "passphrase-changed", NULL);
  ds_key_cache_forget (req->server->keys, req->user_id);
  ds_db_commit (req->server->db);
  ds_reply_json (req, 204, NULL);
}

static void
send_link (DsRequest *req, const char *kind, const char *subject, const char *what)
{
  g_autofree char *token = NULL;
  g_autofree char *email = ds_db_get (req->server->db, "SELECT email FROM users WHERE id = ?", req->user_id, NULL);
  g_autofree char *masked = ds_outbox_mask (email);
  g_autofree char *body = NULL;
  json_object *o;

  ds_db_begin (req->server->db);
  token = ds_issue_token (req->server, req->user_id, kind, LINK_SECONDS, NULL);
  if (g_str_equal (kind, "issue"))
    ds_db_exec (req->server->db, "UPDATE users SET status = 'WAITING_FOR_VERIFICATION' WHERE id = ?", req->user_id, NULL);
  ds_db_audit (req->server->db, req->user_id, kind, NULL);
  ds_db_commit (req->server->db);
  body = g_strdup_printf ("%s\r\n\r\nBuka tautan berikut dalam satu jam:\r\n%s/api/v2/user/%s/confirm?token=%s\r\n\r\n"
                          "Token: %s\r\n", what, req->server->base_url,
                          g_str_equal (kind, "issue") ? "certificate/issue" : "passphrase/reset", token, token);
  ds_outbox_send (req->server, email, subject, body);
  OPENSSL_cleanse (body, strlen (body));
  o = json_object_new_object ();
  json_object_object_add (o, "message", json_object_new_string ("Silakan cek email dinas anda untuk melanjutkan"));
  json_object_object_add (o, "sentTo", json_object_new_string (masked));
  ds_reply_json (req, 202, o);
}

static void
route_reset (DsRequest *req)
{
  if (ds_require_user (req) != NULL)
    send_link (req, "reset", "Atur Ulang Passphrase", "Anda meminta pengaturan ulang passphrase sertifikat elektronik.");
}

static char *
take_link (DsRequest *req, const char *kind)
{
  const char *token = ds_require_string (req, "token");
  char *user = token ? ds_check_token (req->server, token, kind, NULL) : NULL;
  g_autofree char *hash = NULL;

  if (token != NULL && user == NULL)
    ds_reply_error (req, 401, "TOKEN_INVALID", 4013, "Tautan tidak valid atau sudah kedaluwarsa", NULL);
  if (user != NULL)
    {
      hash = ds_token_hash (token);
      ds_db_exec (req->server->db, "DELETE FROM tokens WHERE hash = ?", hash, NULL);
      req->user_id = g_strdup (user);
    }
  return user;
}

static void
route_reset_confirm (DsRequest *req)
{
  const char *new_pass;
  g_autofree char *user = NULL;
  g_autofree char *kek_pem = NULL;
  g_autofree char *kek = NULL;
  g_autofree char *rewrapped = NULL;

  if (!ds_require_string (req, "token") || !(new_pass = ds_require_string (req, "newPassphrase"))
      || weak (req, new_pass, NULL) || (user = take_link (req, "reset")) == NULL)
    return;
  /* The mailbox proved who the user is: the server's own copy of the key
   * is wrapped anew under the new passphrase. */
  kek = ds_pki_kek (req->server->db);
  kek_pem = current_key (req->server, user, "kek_pem");
  rewrapped = kek_pem ? ds_pki_rewrap_key (kek_pem, kek, new_pass) : NULL;
  if (rewrapped == NULL)
    {
      ds_reply_error (req, 409, "CERTIFICATE_NOT_ACTIVE", 4091, "User tidak memiliki sertifikat", NULL);
      return;
    }
  ds_db_begin (req->server->db);
  ds_db_exec (req->server->db, "UPDATE certificates SET key_pem = ? WHERE user_id = ? AND current = 1", rewrapped, user, NULL);
  ds_throttle_clear (req->server, &ds_limit_passphrase, user);
  ds_db_audit (req->server->db, user, "passphrase-reset", NULL);
  ds_key_cache_forget (req->server->keys, user);
  ds_db_commit (req->server->db);
  ds_reply_json (req, 204, NULL);
}

static void
route_issue (DsRequest *req)
{
  if (ds_require_user (req) != NULL)
    send_link (req, "issue", "Penerbitan Sertifikat Elektronik", "Anda mengajukan penerbitan sertifikat elektronik.");
}

static void
route_issue_confirm (DsRequest *req)
{
  const char *token, *passphrase;
  g_autofree char *holder = NULL;
  g_autofree char *user = NULL;
  g_autofree char *serial = NULL;
  json_object *o;

  if (!(token = ds_require_string (req, "token")) || !(passphrase = ds_require_string (req, "passphrase"))
      || weak (req, passphrase, NULL))
    return;
  /* A fresh certificate must not be a way around a passphrase lock; the
   * link stays usable once the lock ends. */
  holder = ds_check_token (req->server, token, "issue", NULL);
  if ((holder != NULL && ds_throttle_refuse (req, &ds_limit_passphrase, holder))
      || (user = take_link (req, "issue")) == NULL)
    return;
  ds_db_begin (req->server->db);
  if (!ds_certificates_issue (req->server, user, passphrase, &serial, NULL))
    {
      ds_db_rollback (req->server->db);
      ds_reply_error (req, 500, "SERVER_ERROR", 5000, "Sertifikat tidak dapat diterbitkan", NULL);
      return;
    }
  ds_db_commit (req->server->db);
  ds_key_cache_forget (req->server->keys, user);
  o = json_object_new_object ();
  json_object_object_add (o, "serialNumber", json_object_new_string (serial));
  json_object_object_add (o, "status", json_object_new_string ("ISSUE"));
  ds_reply_json (req, 201, o);
}

/* The e-mailed link opened in a browser (GET of the confirm path): a page
 * that shows the token, for BeSign's own field, and takes the new
 * passphrase itself, posting it with the token to the same path as the
 * contract's JSON. The token is only checked here, not used up. */
static const char link_page[] =
  "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>%s</title></head><body>"
  "<h1>%s</h1><p>Salin token ini ke BeSign (Sertifikat Elektronik &rarr; %s), atau tetapkan passphrase di sini.</p>"
  "<p>Token: <code id=\"token\">%s</code></p>"
  "<form id=\"f\"><p><label>Passphrase baru <input type=\"password\" id=\"p1\" minlength=\"8\" required></label></p>"
  "<p><label>Ulangi passphrase <input type=\"password\" id=\"p2\" minlength=\"8\" required></label></p>"
  "<p><button>Simpan</button></p></form><p id=\"out\"></p><script>"
  "document.getElementById('f').onsubmit=async e=>{e.preventDefault();"
  "const p=document.getElementById('p1').value,o=document.getElementById('out');"
  "if(p!==document.getElementById('p2').value){o.textContent='Passphrase tidak sama';return;}"
  "const b={token:document.getElementById('token').textContent};b['%s']=p;"
  "const r=await fetch(location.pathname,{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(b)});"
  "o.textContent=r.ok?'Berhasil.':((await r.json()).error||r.status);};"
  "</script></body></html>";

static void
route_link (DsRequest *req)
{
  gboolean issue = strstr (req->path, "/certificate/issue/") != NULL;
  const char *title = issue ? "Penerbitan Sertifikat Elektronik" : "Atur Ulang Passphrase";
  GUri *uri = soup_server_message_get_uri (req->msg);
  g_autoptr(GHashTable) params = g_uri_get_query (uri)
                                 ? g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  const char *token = params ? g_hash_table_lookup (params, "token") : NULL;
  g_autofree char *user = token ? ds_check_token (req->server, token, issue ? "issue" : "reset", NULL) : NULL;
  g_autofree char *escaped = token ? g_markup_escape_text (token, -1) : NULL;
  g_autofree char *page = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  if (user == NULL)
    {
      ds_reply_error (req, 401, "TOKEN_INVALID", 4013, "Tautan tidak valid atau sudah kedaluwarsa", NULL);
      return;
    }
  page = g_strdup_printf (link_page, title, title, issue ? "Penerbitan" : "Atur Ulang Passphrase", escaped,
                          issue ? "passphrase" : "newPassphrase");
  length = strlen (page);
  bytes = g_bytes_new_take (g_steal_pointer (&page), length);
  ds_reply_bytes (req, "text/html; charset=utf-8", bytes);
}

/* RFC 5280 5.3.1 reason codes accepted by the contract. */
static int
reason_code (const char *name)
{
  static const struct { const char *name; int code; } reasons[] = {
    { "unspecified", 0 }, { "keyCompromise", 1 }, { "affiliationChanged", 3 },
    { "superseded", 4 }, { "cessationOfOperation", 5 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reasons[i].name, name) == 0)
      return reasons[i].code;
  return -1;
}

static void
route_revoke (DsRequest *req)
{
  const char *reason = ds_require_user (req) ? ds_require_string (req, "reason") : NULL;
  const char *passphrase = reason ? ds_require_string (req, "passphrase") : NULL;
  g_autofree char *code = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *at_text = NULL;
  EVP_PKEY *key;
  json_object *o;

  if (passphrase == NULL)
    return;
  if (reason_code (reason) < 0)
    {
      ds_reply_bad_request (req, "Alasan pencabutan tidak dikenal");
      return;
    }
  key = ds_passphrase_key (req, req->user_id, passphrase, 400);
  if (key == NULL)
    return;
  EVP_PKEY_free (key);
  code = g_strdup_printf ("%d", reason_code (reason));
  now = g_strdup_printf ("%" G_GINT64_FORMAT, ds_now ());
  ds_db_begin (req->server->db);
  ds_db_exec (req->server->db, "UPDATE certificates SET revoked_at = ?, reason = ? WHERE user_id = ? AND current = 1",
              now, code, req->user_id, NULL);
  ds_db_exec (req->server->db, "UPDATE users SET status = 'REVOKE' WHERE id = ?", req->user_id, NULL);
  ds_db_audit (req->server->db, req->user_id, "revoked", reason);
  ds_key_cache_forget (req->server->keys, req->user_id);
  ds_db_commit (req->server->db);
  at = g_date_time_new_from_unix_utc (g_ascii_strtoll (now, NULL, 10));
  at_text = g_date_time_format_iso8601 (at);
  o = json_object_new_object ();
  json_object_object_add (o, "revokedAt", json_object_new_string (at_text));
  ds_reply_json (req, 200, o);
}

const DsRouteSpec ds_routes_certificates[] = {
  { "POST /api/v2/user/passphrase/change", route_change },
  { "POST /api/v2/user/passphrase/reset", route_reset },
  { "POST /api/v2/user/passphrase/reset/confirm", route_reset_confirm },
  { "GET /api/v2/user/passphrase/reset/confirm", route_link },
  { "POST /api/v2/user/certificate/issue", route_issue },
  { "POST /api/v2/user/certificate/issue/confirm", route_issue_confirm },
  { "GET /api/v2/user/certificate/issue/confirm", route_link },
  { "POST /api/v2/user/certificate/revoke", route_revoke },
  { NULL, NULL },
};
