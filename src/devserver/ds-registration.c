/* ds-registration.c — user registration by an integration
 * (/api/v2/user/registration, also /api/v2/user/register).
 *
 * The integration registers a person of its institution by name and
 * official e-mail (and NIK when it has it). The person is then
 * "registered, no certificate" (2021) and gets an e-mail with a link to
 * choose an account password (/api/v2/user/registration/confirm), after
 * which the BeSign account flows (login, authenticator, certificate
 * issuance) are theirs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-accounts.h"
#include "ds-integration.h"
#include "ds-outbox.h"
#include "ds-status.h"

#include <openssl/crypto.h>
#include <string.h>

#define LINK_SECONDS (24 * 3600)
#define MIN_PASSWORD 8
#define NIK_DIGITS 16

static gboolean
valid_nik (const char *nik)
{
  if (strlen (nik) != NIK_DIGITS)
    return FALSE;
  for (const char *p = nik; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
valid_email (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && strchr (at + 1, '.') != NULL && strchr (at + 1, '@') == NULL
         && strpbrk (email, " \t\r\n<>\"") == NULL;
}

/* Reads and checks the body; replies 400 naming what is wrong. */
static gboolean
read_person (DsRequest *req, const char **name, const char **email, const char **nik)
{
  if (!(*name = ds_require_string (req, "nama")) || !(*email = ds_require_string (req, "email"))
      || !ds_optional_string (req, "nik", nik))
    return FALSE;
  if (!valid_email (*email))
    {
      ds_reply_bad_request (req, "Kolom email bukan alamat email yang valid");
      return FALSE;
    }
  if (*nik != NULL && **nik != '\0' && !valid_nik (*nik))
    {
      ds_reply_bad_request (req, "Kolom nik harus 16 angka");
      return FALSE;
    }
  return TRUE;
}

static void
reply_exists (DsRequest *req, const char *user)
{
  g_autofree char *status = ds_db_get (req->server->db, "SELECT status FROM users WHERE id = ?", user, NULL);
  json_object *extra = json_object_new_object ();

  json_object_object_add (extra, "status", json_object_new_string (status));
  ds_reply_error (req, 409, "ALREADY_REGISTERED", 4092, "User sudah terdaftar", extra);
}

static void
mail_link (DsRequest *req, const char *user, const char *email, const char *name, const char *institution)
{
  g_autofree char *token = ds_issue_token (req->server, user, "registration", LINK_SECONDS, NULL);
  g_autofree char *body = g_strdup_printf ("Yth. %s,\r\n\r\n%s telah mendaftarkan anda sebagai pengguna tanda tangan "
                                           "elektronik BSrE.\r\nBuat kata sandi akun anda dalam 24 jam:\r\n"
                                           "%s/api/v2/user/registration/confirm?token=%s\r\n\r\nToken: %s\r\n",
                                           name, institution, req->server->base_url, token, token);

  ds_outbox_send (req->server, email, "Pendaftaran Pengguna Tanda Tangan Elektronik", body);
  OPENSSL_cleanse (body, strlen (body));
}

static void
route_register (DsRequest *req)
{
  const char *name, *email, *nik = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *institution = NULL;
  g_autofree char *placeholder = NULL;
  g_autofree char *user = NULL;
  json_object *o;

  if (!ds_require_basic (req) || !read_person (req, &name, &email, &nik))
    return;
  existing = ds_db_get (req->server->db, "SELECT id FROM users WHERE email = ? OR username = ? OR nik = ?", email,
                        email, nik && *nik ? nik : "", NULL);
  if (existing != NULL)
    {
      reply_exists (req, existing);
      return;
    }
  institution = ds_integration_institution (req->server, req->integration);
  /* NIK is unique in the table; without one the person is found by
   * e-mail only, under a marker no 16-digit NIK can equal. */
  placeholder = g_strdup_printf ("-%s", email);
  ds_db_begin (req->server->db);
  /* No password yet: the hash of nothing, which no login matches. */
  user = ds_accounts_create (req->server, email, email, name, nik && *nik ? nik : placeholder, institution, "", NULL);
  if (user == NULL)
    {
      ds_db_rollback (req->server->db);
      ds_reply_error (req, 500, "SERVER_ERROR", 5000, "User tidak dapat didaftarkan", NULL);
      return;
    }
  ds_db_exec (req->server->db, "UPDATE users SET password_hash = '!' WHERE id = ?", user, NULL);
  ds_db_audit (req->server->db, user, "registered", req->integration);
  mail_link (req, user, email, name, institution);
  ds_db_commit (req->server->db);
  o = json_object_new_object ();
  json_object_object_add (o, "success", json_object_new_boolean (TRUE));
  json_object_object_add (o, "message", json_object_new_string ("Registrasi user berhasil, silakan cek email untuk melanjutkan"));
  json_object_object_add (o, "status_code", json_object_new_int (ds_status_code ("NO_CERTIFICATE")));
  json_object_object_add (o, "status", json_object_new_string ("NO_CERTIFICATE"));
  ds_reply_json (req, 200, o);
}

static void
route_confirm (DsRequest *req)
{
  const char *token = ds_require_string (req, "token");
  const char *password = token ? ds_require_string (req, "password") : NULL;
  g_autofree char *user = NULL;
  g_autofree char *hash = NULL;

  if (password == NULL)
    return;
  if (g_utf8_strlen (password, -1) < MIN_PASSWORD)
    {
      ds_reply_bad_request (req, "Kata sandi minimal 8 karakter");
      return;
    }
  user = ds_check_token (req->server, token, "registration", NULL);
  if (user == NULL)
    {
      ds_reply_error (req, 401, "TOKEN_INVALID", 4013, "Tautan tidak valid atau sudah kedaluwarsa", NULL);
      return;
    }
  hash = ds_token_hash (token);
  req->user_id = g_strdup (user);
  ds_db_begin (req->server->db);
  ds_accounts_set_password (req->server, user, password);
  ds_db_exec (req->server->db, "DELETE FROM tokens WHERE hash = ?", hash, NULL);
  ds_db_audit (req->server->db, user, "registration-confirmed", NULL);
  ds_db_commit (req->server->db);
  ds_reply_json (req, 204, NULL);
}

const DsRouteSpec ds_routes_registration[] = {
  { "POST /api/v2/user/registration", route_register },
  { "POST /api/v2/user/register", route_register },
  { "POST /api/v2/user/registration/confirm", route_confirm },
  { NULL, NULL },
};
