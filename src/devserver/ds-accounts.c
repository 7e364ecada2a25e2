/* ds-accounts.c — /api/v2/auth/... and /api/v2/user/profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-accounts.h"
#include "ds-throttle.h"
#include "bs-error.h"

#include <liboath/oath.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <string.h>

#define LOGIN_TOKEN_SECONDS (5 * 60)
#define ACCESS_TOKEN_SECONDS (30 * 60)
#define TOTP_STEP 30
#define TOTP_DIGITS 6
#define TOTP_SECRET_BYTES 20
/* scrypt for passwords (RFC 7914), cheaper than for keys: logins must
 * stay fast under load; salts are random per user. */
/* scrypt cost of stored passwords (N is kept in each hash, so a change
 * keeps older hashes valid): ~2 ms, checked on worker threads. */
#define PW_N 512
#define PW_R 8
#define PW_P 1
#define PW_LEN 32
#define UNKNOWN_USER_HASH "scrypt$512$AAAAAAAAAAAAAAAAAAAAAA==$x"

static char *
scrypt_b64 (const char *password, const guint8 *salt, gsize salt_len, guint64 n)
{
  guint8 out[PW_LEN];
  char *b64 = NULL;

  if (EVP_PBE_scrypt (password, strlen (password), salt, salt_len, n, PW_R, PW_P,
                      64 * 1024 * 1024, out, sizeof out) == 1)
    b64 = g_base64_encode (out, sizeof out);
  OPENSSL_cleanse (out, sizeof out);
  return b64;
}

static char *
hash_password (const char *password)
{
  guint8 salt[16];
  g_autofree char *salt_b64 = NULL;
  g_autofree char *hash = NULL;

  RAND_bytes (salt, sizeof salt);
  salt_b64 = g_base64_encode (salt, sizeof salt);
  hash = scrypt_b64 (password, salt, sizeof salt, PW_N);
  return g_strdup_printf ("scrypt$%d$%s$%s", PW_N, salt_b64, hash);
}

static gboolean
check_password (const char *stored, const char *password)
{
  g_auto(GStrv) parts = stored ? g_strsplit (stored, "$", 4) : NULL;
  g_autofree guint8 *salt = NULL;
  g_autofree char *hash = NULL;
  gsize salt_len = 0;

  if (parts == NULL || g_strv_length (parts) != 4 || !g_str_equal (parts[0], "scrypt"))
    return FALSE;
  salt = g_base64_decode (parts[2], &salt_len);
  hash = scrypt_b64 (password, salt, salt_len, g_ascii_strtoull (parts[1], NULL, 10));
  return ds_secret_equal (hash, parts[3]);
}

char *
ds_totp_new_secret (void)
{
  guint8 raw[TOTP_SECRET_BYTES];
  char *b32 = NULL;
  size_t len = 0;

  RAND_bytes (raw, sizeof raw);
  oath_base32_encode ((const char *) raw, sizeof raw, &b32, &len);
  OPENSSL_cleanse (raw, sizeof raw);
  return b32;
}

char *
ds_totp_now (const char *secret_base32)
{
  char *raw = NULL;
  size_t len = 0;
  char code[TOTP_DIGITS + 1] = "";

  if (oath_base32_decode (secret_base32, strlen (secret_base32), &raw, &len) == OATH_OK)
    oath_totp_generate (raw, len, time (NULL), TOTP_STEP, 0, TOTP_DIGITS, code);
  if (raw != NULL)
    OPENSSL_cleanse (raw, len);
  free (raw);
  return g_strdup (code);
}

/* RFC 6238 with one step either side; returns the matched time step or -1. */
static gint64
totp_step (const char *secret_base32, const char *code)
{
  char *raw = NULL;
  size_t len = 0;
  int pos = 0;
  gint64 step = -1;
  time_t now = time (NULL);

  if (code == NULL || strlen (code) != TOTP_DIGITS)
    return -1;
  if (oath_base32_decode (secret_base32, strlen (secret_base32), &raw, &len) == OATH_OK
      && oath_totp_validate2 (raw, len, now, TOTP_STEP, 0, 1, &pos, code) >= 0)
    step = (gint64) (now / TOTP_STEP) + pos;
  if (raw != NULL)
    OPENSSL_cleanse (raw, len);
  free (raw);
  return step;
}

char *
ds_accounts_create (DsServer *server, const char *username, const char *email, const char *name,
                    const char *nik, const char *organization, const char *password, GError **error)
{
  g_autofree char *hash = hash_password (password);
  char *id = g_strdup_printf ("u-%08x", g_random_int ());

  if (!ds_db_exec (server->db, "INSERT INTO users (id, username, email, name, nik, organization, password_hash, status)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, 'NO_CERTIFICATE')",
                   id, username, email, name, nik, organization, hash, NULL))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_FAILED, "Cannot create the user %s", username);
      g_free (id);
      return NULL;
    }
  return id;
}

gboolean
ds_accounts_set_password (DsServer *server, const char *user_id, const char *password)
{
  g_autofree char *hash = hash_password (password);

  return ds_db_exec (server->db, "UPDATE users SET password_hash = ? WHERE id = ?", hash, user_id, NULL);
}

char *
ds_accounts_add_device (DsServer *server, const char *user_id, const char *name, const char *secret)
{
  char *id = g_strdup_printf ("d-%08x", g_random_int ());

  ds_db_exec (server->db, "INSERT INTO devices (id, user_id, name, secret) VALUES (?, ?, ?, ?)",
              id, user_id, name, secret, NULL);
  return id;
}

char *
ds_accounts_find (DsServer *server, const char *key)
{
  return ds_db_get (server->db, "SELECT id FROM users WHERE nik = ? OR email = ? OR id = ? OR username = ?",
                    key, key, key, key, NULL);
}

json_object *
ds_accounts_user_json (DsServer *server, const char *user_id)
{
  g_autoptr(GPtrArray) rows = ds_db_rows (server->db, "SELECT id, name, email, nik, organization, status"
                                                      " FROM users WHERE id = ?", user_id, NULL);
  json_object *o = json_object_new_object ();
  char **row;

  if (rows->len == 0)
    return o;
  row = g_ptr_array_index (rows, 0);
  json_object_object_add (o, "id", json_object_new_string (row[0]));
  json_object_object_add (o, "name", json_object_new_string (row[1]));
  json_object_object_add (o, "email", json_object_new_string (row[2]));
  json_object_object_add (o, "nik", json_object_new_string (row[3]));
  json_object_object_add (o, "organization", json_object_new_string (row[4]));
  return o;
}

/* Login codes are refused while the account or this login token is
 * locked, before the code is looked at. */
static gboolean
code_refused (DsRequest *req, const char *login_token, const char *user)
{
  g_autofree char *hash = ds_token_hash (login_token);

  return ds_throttle_refuse (req, &ds_limit_login_otp, user) || ds_throttle_refuse (req, &ds_limit_login_token, hash);
}

/* A wrong (or replayed) login code counts against the token and the
 * account; the answer says how many tries are left, or that they ran out. */
static void
reply_wrong_code (DsRequest *req, const char *login_token, const char *user)
{
  g_autofree char *hash = ds_token_hash (login_token);
  guint token_left = ds_throttle_count (req->server, &ds_limit_login_token, hash);
  guint account_left = ds_throttle_count (req->server, &ds_limit_login_otp, user);
  json_object *extra;

  if (account_left == 0)
    ds_throttle_reply (req, &ds_limit_login_otp, ds_limit_login_otp.lock);
  else if (token_left == 0)
    ds_throttle_reply (req, &ds_limit_login_token, ds_limit_login_token.lock);
  else
    {
      extra = json_object_new_object ();
      json_object_object_add (extra, "attemptsLeft", json_object_new_int64 (MIN (token_left, account_left)));
      ds_reply_error (req, 401, "INVALID_OTP", 4012, "Kode OTP salah, kedaluwarsa, atau sudah digunakan", extra);
    }
}

/* The user of the body's login token; @pending_out (may be NULL) receives
 * the TOTP secret an OTP set-up attached to that token. */
static char *
login_user (DsRequest *req, const char **token_out, char **pending_out)
{
  const char *token = ds_require_string (req, "loginToken");
  char *user;

  if (token == NULL)
    return NULL;
  user = ds_check_token (req->server, token, "login", pending_out);
  if (user == NULL)
    ds_reply_token_refused (req, token);
  *token_out = token;
  return user;
}

static json_object *
devices_json (DsServer *server, const char *user_id)
{
  g_autoptr(GPtrArray) rows = ds_db_rows (server->db, "SELECT id, name FROM devices WHERE user_id = ? ORDER BY rowid",
                                          user_id, NULL);
  json_object *a = json_object_new_array ();

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      json_object *d = json_object_new_object ();
      json_object_object_add (d, "id", json_object_new_string (row[0]));
      json_object_object_add (d, "name", json_object_new_string (row[1]));
      json_object_array_add (a, d);
    }
  return a;
}

typedef struct {
  char     *user_id;   /* NULL for an unknown user */
  char     *subject;   /* what failures are counted against */
  char     *stored;    /* the password hash to check against */
  char     *password;  /* wiped when done */
  gboolean  ok;
} LoginCheck;

static void
login_check_free (LoginCheck *c)
{
  g_free (c->user_id);
  g_free (c->subject);
  g_free (c->stored);
  if (c->password != NULL)
    OPENSSL_cleanse (c->password, strlen (c->password));
  g_free (c->password);
  g_free (c);
}

static void
login_check_work (gpointer data)
{
  LoginCheck *c = data;

  /* The hash is computed even for unknown users: timing tells nothing. */
  c->ok = check_password (c->stored, c->password) && c->user_id != NULL;
}

static void
login_check_finish (DsRequest *req, gpointer data)
{
  LoginCheck *c = data;
  g_autofree char *token = NULL;
  json_object *o, *devices;

  if (!c->ok)
    {
      guint left = ds_throttle_count (req->server, &ds_limit_password, c->subject);
      json_object *extra = json_object_new_object ();

      if (left == 0)
        {
          json_object_put (extra);
          ds_throttle_reply (req, &ds_limit_password, ds_limit_password.lock);
          return;
        }
      json_object_object_add (extra, "attemptsLeft", json_object_new_int64 (left));
      ds_reply_error (req, 401, "INVALID_CREDENTIALS", 4011, "Username/email atau password salah", extra);
      return;
    }
  ds_throttle_clear (req->server, &ds_limit_password, c->subject);
  req->user_id = g_strdup (c->user_id);
  token = ds_issue_token (req->server, c->user_id, "login", LOGIN_TOKEN_SECONDS, NULL);
  devices = devices_json (req->server, c->user_id);
  o = json_object_new_object ();
  json_object_object_add (o, "loginToken", json_object_new_string (token));
  json_object_object_add (o, "otp", json_object_new_string (json_object_array_length (devices) ? "REQUIRED" : "SETUP_REQUIRED"));
  json_object_object_add (o, "devices", devices);
  ds_reply_json (req, 200, o);
}

static void
route_login (DsRequest *req)
{
  const char *username = ds_require_string (req, "username");
  const char *password = username ? ds_require_string (req, "password") : NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LoginCheck *c;
  char **row;

  if (password == NULL)
    return;
  rows = ds_db_rows (req->server->db, "SELECT id, password_hash FROM users WHERE username = ? OR email = ?",
                     username, username, NULL);
  row = rows->len ? g_ptr_array_index (rows, 0) : NULL;
  c = g_new0 (LoginCheck, 1);
  c->user_id = row ? g_strdup (row[0]) : NULL;
  /* Unknown names are counted too, so a lock tells nothing about who
   * has an account. */
  c->subject = row ? g_strdup (row[0]) : g_strconcat ("?", username, NULL);
  if (ds_throttle_refuse (req, &ds_limit_password, c->subject)
      || (row && ds_throttle_refuse (req, &ds_limit_login_otp, row[0])))
    {
      login_check_free (c);
      return;
    }
  c->stored = g_strdup (row ? row[1] : UNKNOWN_USER_HASH);
  c->password = g_strdup (password);
  ds_request_defer (req, login_check_work, login_check_finish, c, (GDestroyNotify) login_check_free);
}

static void
route_otp_setup (DsRequest *req)
{
  const char *token = NULL;
  g_autofree char *user = login_user (req, &token, NULL);
  g_autofree char *secret = NULL;
  g_autofree char *email = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *login_hash = NULL;
  json_object *o;

  if (user == NULL)
    return;
  req->user_id = g_strdup (user);
  secret = ds_totp_new_secret ();
  email = ds_db_get (req->server->db, "SELECT email FROM users WHERE id = ?", user, NULL);
  escaped = g_uri_escape_string (email, "@", FALSE);
  uri = g_strdup_printf ("otpauth://totp/BSrE:%s?secret=%s&issuer=BSrE&algorithm=SHA1&digits=6&period=30",
                         escaped, secret);
  /* The pending secret belongs to this login token, so two set-ups of one
   * account running at once each register the secret they showed. */
  login_hash = ds_token_hash (token);
  ds_db_exec (req->server->db, "UPDATE tokens SET data = ? WHERE hash = ?", secret, login_hash, NULL);
  o = json_object_new_object ();
  json_object_object_add (o, "secret", json_object_new_string (secret));
  json_object_object_add (o, "otpauthUri", json_object_new_string (uri));
  json_object_object_add (o, "issuer", json_object_new_string ("BSrE"));
  json_object_object_add (o, "account", json_object_new_string (email));
  ds_reply_json (req, 200, o);
}

static void
reply_session (DsRequest *req, const char *user, const char *login_token)
{
  g_autofree char *access = ds_issue_token (req->server, user, "access", ACCESS_TOKEN_SECONDS, NULL);
  g_autofree char *login_hash = ds_token_hash (login_token);
  json_object *o = json_object_new_object ();

  /* A login token serves once. */
  ds_db_exec (req->server->db, "DELETE FROM tokens WHERE hash = ?", login_hash, NULL);
  ds_throttle_clear (req->server, &ds_limit_login_token, login_hash);
  ds_throttle_clear (req->server, &ds_limit_login_otp, user);
  json_object_object_add (o, "accessToken", json_object_new_string (access));
  json_object_object_add (o, "expiresIn", json_object_new_int (ACCESS_TOKEN_SECONDS));
  json_object_object_add (o, "user", ds_accounts_user_json (req->server, user));
  ds_reply_json (req, 200, o);
}

static void
route_otp_register (DsRequest *req)
{
  const char *token = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *user = login_user (req, &token, &secret);
  const char *code = user ? ds_require_string (req, "code") : NULL;
  const char *device_name = code ? ds_require_string (req, "deviceName") : NULL;
  g_autofree char *device = NULL;
  g_autofree char *step_text = NULL;
  gint64 step;

  if (device_name == NULL)
    return;
  req->user_id = g_strdup (user);
  if (code_refused (req, token, user))
    return;
  step = secret ? totp_step (secret, code) : -1;
  if (step < 0)
    {
      reply_wrong_code (req, token, user);
      return;
    }
  ds_db_begin (req->server->db);
  device = ds_accounts_add_device (req->server, user, device_name, secret);
  step_text = g_strdup_printf ("%" G_GINT64_FORMAT, step);
  ds_db_exec (req->server->db, "UPDATE devices SET last_step = ? WHERE id = ?", step_text, device, NULL);
  ds_db_audit (req->server->db, user, "otp-register", device);
  ds_db_commit (req->server->db);
  reply_session (req, user, token);
}

static void
route_otp_verify (DsRequest *req)
{
  const char *token = NULL;
  g_autofree char *user = login_user (req, &token, NULL);
  const char *device = user ? ds_require_string (req, "deviceId") : NULL;
  const char *code = device ? ds_require_string (req, "code") : NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *step_text = NULL;
  char **row;
  gint64 step;

  if (code == NULL)
    return;
  req->user_id = g_strdup (user);
  if (code_refused (req, token, user))
    return;
  rows = ds_db_rows (req->server->db, "SELECT secret, last_step FROM devices WHERE id = ? AND user_id = ?",
                     device, user, NULL);
  row = rows->len ? g_ptr_array_index (rows, 0) : NULL;
  step = row ? totp_step (row[0], code) : -1;
  /* A code already used (same or earlier step) is refused: no replay. */
  if (step < 0 || step <= g_ascii_strtoll (row[1], NULL, 10))
    {
      reply_wrong_code (req, token, user);
      return;
    }
  step_text = g_strdup_printf ("%" G_GINT64_FORMAT, step);
  ds_db_begin (req->server->db);
  ds_db_exec (req->server->db, "UPDATE devices SET last_step = ? WHERE id = ?", step_text, device, NULL);
  ds_db_audit (req->server->db, user, "login", device);
  ds_db_commit (req->server->db);
  reply_session (req, user, token);
}

static void
route_logout (DsRequest *req)
{
  const char *auth;
  g_autofree char *hash = NULL;

  if (ds_require_user (req) == NULL)
    return;
  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), "Authorization");
  hash = ds_token_hash (auth + 7);
  ds_db_exec (req->server->db, "DELETE FROM tokens WHERE hash = ?", hash, NULL);
  ds_reply_json (req, 204, NULL);
}

static void
route_profile (DsRequest *req)
{
  json_object *o;
  g_autofree char *status = NULL;

  if (ds_require_user (req) == NULL)
    return;
  o = ds_accounts_user_json (req->server, req->user_id);
  status = ds_db_get (req->server->db, "SELECT status FROM users WHERE id = ?", req->user_id, NULL);
  json_object_object_add (o, "certificateStatus", json_object_new_string (status ? status : "NOT_REGISTERED"));
  ds_reply_json (req, 200, o);
}

const DsRouteSpec ds_routes_accounts[] = {
  { "POST /api/v2/auth/login", route_login },
  { "POST /api/v2/auth/otp/setup", route_otp_setup },
  { "POST /api/v2/auth/otp/register", route_otp_register },
  { "POST /api/v2/auth/otp/verify", route_otp_verify },
  { "POST /api/v2/auth/logout", route_logout },
  { "GET /api/v2/user/profile", route_profile },
  { NULL, NULL },
};
