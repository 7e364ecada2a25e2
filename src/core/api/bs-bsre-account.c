/* bs-bsre-account.c — see bs-bsre-account.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-bsre-account.h"
#include "bs-json-read.h"

#include <string.h>

static BsSecret *
secret_of (const char *text)
{
  return bs_secret_new (text, strlen (text));
}

static void
device_free (BsBsreDevice *d)
{
  g_free (d->id);
  g_free (d->name);
  g_free (d);
}

void
bs_bsre_login_free (BsBsreLogin *login)
{
  if (login == NULL)
    return;
  bs_secret_free (login->login_token);
  g_ptr_array_unref (login->devices);
  g_free (login);
}

void
bs_bsre_otp_setup_free (BsBsreOtpSetup *setup)
{
  if (setup == NULL)
    return;
  bs_secret_free (setup->secret);
  /* The URI carries the secret too. */
  if (setup->otpauth_uri)
    bs_wipe_free (setup->otpauth_uri, strlen (setup->otpauth_uri));
  g_free (setup->issuer);
  g_free (setup->account);
  g_free (setup);
}

void
bs_bsre_user_free (BsBsreUser *user)
{
  if (user == NULL)
    return;
  g_free (user->id);
  g_free (user->name);
  g_free (user->email);
  g_free (user->nik);
  g_free (user->organization);
  g_free (user->certificate_status);
  g_free (user);
}

static json_object *
body_with_login (const BsBsreLogin *login)
{
  json_object *body = json_object_new_object ();

  json_object_object_add (body, "loginToken", json_object_new_string (bs_secret_get (login->login_token)));
  return body;
}

static gboolean
read_devices (json_object *answer, GPtrArray *devices, GError **error)
{
  json_object *list = bs_json_array (answer, "devices", error);

  for (size_t i = 0; list != NULL && i < json_object_array_length (list); i++)
    {
      json_object *item = json_object_array_get_idx (list, i);
      const char *id = bs_json_string (item, "id", error);
      const char *name = id ? bs_json_string (item, "name", error) : NULL;
      BsBsreDevice *d;

      if (name == NULL)
        return FALSE;
      d = g_new0 (BsBsreDevice, 1);
      d->id = g_strdup (id);
      d->name = g_strdup (name);
      g_ptr_array_add (devices, d);
    }
  return list != NULL;
}

BsBsreLogin *
bs_bsre_login (BsBsreSession *session, const char *username, const BsSecret *password,
               GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();
  json_object *answer;
  const char *token, *otp;
  BsBsreLogin *login = NULL;

  json_object_object_add (body, "username", json_object_new_string (username));
  json_object_object_add (body, "password", json_object_new_string (bs_secret_get (password)));
  answer = bs_bsre_session_call (session, "POST", "/api/v2/auth/login", body, BS_BSRE_CALL_ACCOUNT,
                                 BS_BSRE_AUTH_NONE, NULL, cancellable, error);
  if (answer == NULL)
    return NULL;
  token = bs_json_string (answer, "loginToken", error);
  otp = token ? bs_json_string (answer, "otp", error) : NULL;
  if (otp != NULL)
    {
      login = g_new0 (BsBsreLogin, 1);
      login->login_token = secret_of (token);
      login->setup_required = g_str_equal (otp, "SETUP_REQUIRED");
      login->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) device_free);
      if (!read_devices (answer, login->devices, error))
        g_clear_pointer (&login, bs_bsre_login_free);
    }
  bs_json_wipe_put (answer);
  return login;
}

BsBsreOtpSetup *
bs_bsre_otp_setup (BsBsreSession *session, const BsBsreLogin *login, GCancellable *cancellable, GError **error)
{
  json_object *answer = bs_bsre_session_call (session, "POST", "/api/v2/auth/otp/setup", body_with_login (login),
                                              BS_BSRE_CALL_ACCOUNT, BS_BSRE_AUTH_NONE, NULL, cancellable, error);
  const char *secret, *uri, *issuer = NULL, *account = NULL;
  BsBsreOtpSetup *setup = NULL;

  if (answer == NULL)
    return NULL;
  secret = bs_json_string (answer, "secret", error);
  uri = secret ? bs_json_string (answer, "otpauthUri", error) : NULL;
  if (uri != NULL && bs_json_optional_string (answer, "issuer", &issuer, error)
      && bs_json_optional_string (answer, "account", &account, error))
    {
      setup = g_new0 (BsBsreOtpSetup, 1);
      setup->secret = secret_of (secret);
      setup->otpauth_uri = g_strdup (uri);
      setup->issuer = g_strdup (issuer);
      setup->account = g_strdup (account);
    }
  bs_json_wipe_put (answer);
  return setup;
}

static BsBsreUser *
read_user (json_object *o, GError **error)
{
  const char *id = bs_json_string (o, "id", error);
  const char *name = id ? bs_json_string (o, "name", error) : NULL;
  const char *email = name ? bs_json_string (o, "email", error) : NULL;
  const char *nik = NULL, *organization = NULL, *status = NULL;
  BsBsreUser *user;

  if (email == NULL || !bs_json_optional_string (o, "nik", &nik, error)
      || !bs_json_optional_string (o, "organization", &organization, error)
      || !bs_json_optional_string (o, "certificateStatus", &status, error))
    return NULL;
  user = g_new0 (BsBsreUser, 1);
  user->id = g_strdup (id);
  user->name = g_strdup (name);
  user->email = g_strdup (email);
  user->nik = g_strdup (nik);
  user->organization = g_strdup (organization);
  user->certificate_status = g_strdup (status);
  return user;
}

/* A session answer: keeps the access token in the session. */
static BsBsreUser *
start_session (BsBsreSession *session, json_object *answer, GError **error)
{
  const char *token;
  json_object *user_obj;
  BsBsreUser *user = NULL;

  if (answer == NULL)
    return NULL;
  token = bs_json_string (answer, "accessToken", error);
  user_obj = token ? bs_json_object (answer, "user", error) : NULL;
  if (user_obj != NULL && (user = read_user (user_obj, error)) != NULL)
    bs_bsre_session_set_token (session, token);
  bs_json_wipe_put (answer);
  return user;
}

BsBsreUser *
bs_bsre_otp_register (BsBsreSession *session, const BsBsreLogin *login, const BsSecret *code,
                      const char *device_name, GCancellable *cancellable, GError **error)
{
  json_object *body = body_with_login (login);

  json_object_object_add (body, "code", json_object_new_string (bs_secret_get (code)));
  json_object_object_add (body, "deviceName", json_object_new_string (device_name));
  return start_session (session,
                        bs_bsre_session_call (session, "POST", "/api/v2/auth/otp/register", body, BS_BSRE_CALL_ACCOUNT,
                                              BS_BSRE_AUTH_NONE, NULL, cancellable, error),
                        error);
}

BsBsreUser *
bs_bsre_otp_verify (BsBsreSession *session, const BsBsreLogin *login, const char *device_id,
                    const BsSecret *code, GCancellable *cancellable, GError **error)
{
  json_object *body = body_with_login (login);

  json_object_object_add (body, "deviceId", json_object_new_string (device_id));
  json_object_object_add (body, "code", json_object_new_string (bs_secret_get (code)));
  return start_session (session,
                        bs_bsre_session_call (session, "POST", "/api/v2/auth/otp/verify", body, BS_BSRE_CALL_ACCOUNT,
                                              BS_BSRE_AUTH_NONE, NULL, cancellable, error),
                        error);
}

gboolean
bs_bsre_logout (BsBsreSession *session, GCancellable *cancellable, GError **error)
{
  json_object *answer;

  /* An Esign Client Service has no session to end. */
  if (bs_bsre_session_get_kind (session) == BS_BSRE_KIND_ESIGN_CLIENT)
    return TRUE;
  answer = bs_bsre_session_call (session, "POST", "/api/v2/auth/logout", NULL, BS_BSRE_CALL_ACCOUNT,
                                 BS_BSRE_AUTH_BEARER, NULL, cancellable, error);
  /* The token is forgotten either way: the user asked to leave. */
  bs_bsre_session_forget_token (session);
  bs_json_wipe_put (answer);
  return answer != NULL;
}

BsBsreUser *
bs_bsre_profile (BsBsreSession *session, GCancellable *cancellable, GError **error)
{
  json_object *answer = bs_bsre_session_call (session, "GET", "/api/v2/user/profile", NULL, BS_BSRE_CALL_ACCOUNT,
                                              BS_BSRE_AUTH_BEARER, NULL, cancellable, error);
  BsBsreUser *user = answer ? read_user (answer, error) : NULL;

  json_object_put (answer);
  return user;
}
