/* bs-app-context-account.c — logging in (password, then an authenticator
 * code), the e-mailed signing code, logging out. See bs-app-context.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-context-private.h"

/* What one account call needs, owned by its task: a session reference and
 * copies, so a logout or new settings meanwhile free nothing it uses. */
typedef struct {
  BsSharedSession *session;
  char            *username;
  char            *device_id;
  char            *device_name;
  BsSecret        *secret;
  guint            documents;
  BsBsreLogin     *login;
} AccountInput;

static void
account_input_free (AccountInput *in)
{
  g_clear_pointer (&in->session, bs_shared_session_unref);
  g_free (in->username);
  g_free (in->device_id);
  g_free (in->device_name);
  bs_secret_free (in->secret);
  bs_bsre_login_free (in->login);
  g_free (in);
}

static BsBsreLogin *
login_copy (const BsBsreLogin *login)
{
  BsBsreLogin *copy;

  if (login == NULL)
    return NULL;
  copy = g_new0 (BsBsreLogin, 1);
  copy->login_token = login->login_token ? bs_secret_new (bs_secret_get (login->login_token),
                                                          bs_secret_get_length (login->login_token)) : NULL;
  copy->setup_required = login->setup_required;
  copy->devices = g_ptr_array_new_with_free_func (g_free);
  /* The devices are only read by the OTP page, never by a call. */
  return copy;
}

/* The input of a call, or NULL after failing it (no session). @secret is
 * taken either way. */
static AccountInput *
account_input (BsAppContext *self, BsSecret *secret, GAsyncReadyCallback callback, gpointer data)
{
  GError *error = NULL;
  BsSharedSession *session = bs_app_context_dup_session (self, &error);
  AccountInput *in;

  if (session == NULL)
    {
      bs_secret_free (secret);
      bs_app_context_fail (self, error, callback, data);
      return NULL;
    }
  in = g_new0 (AccountInput, 1);
  in->session = session;
  in->secret = secret;
  in->login = login_copy (self->pending_login);
  return in;
}

static BsBsreSession *
session_of (AccountInput *in)
{
  return bs_shared_session_get (in->session);
}

/* ---- password step --------------------------------------------------------- */

static gpointer
login_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  AccountInput *in = input;

  return bs_bsre_login (session_of (in), in->username, in->secret, cancellable, error);
}

static const BsCoreCall login_spec = {
  login_call, (GDestroyNotify) account_input_free, (GDestroyNotify) bs_bsre_login_free, NULL, NULL, FALSE,
};

void
bs_app_context_login_async (BsAppContext *self, const char *username, BsSecret *password,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  AccountInput *in = account_input (self, password, callback, data);

  if (in == NULL)
    return;
  in->username = g_strdup (username);
  bs_app_context_run (self, &login_spec, in, NULL, cancellable, callback, data);
}

gboolean
bs_app_context_login_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  BsBsreLogin *login = bs_core_task_finish (result, error);

  if (login == NULL)
    return FALSE;
  bs_bsre_login_free (self->pending_login);
  self->pending_login = login;
  return TRUE;
}

/* ---- authenticator --------------------------------------------------------- */

static gpointer
otp_setup_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  AccountInput *in = input;

  return bs_bsre_otp_setup (session_of (in), in->login, cancellable, error);
}

static const BsCoreCall otp_setup_spec = {
  otp_setup_call, (GDestroyNotify) account_input_free, (GDestroyNotify) bs_bsre_otp_setup_free, NULL, NULL, FALSE,
};

void
bs_app_context_otp_setup_async (BsAppContext *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer data)
{
  AccountInput *in = account_input (self, NULL, callback, data);

  if (in != NULL)
    bs_app_context_run (self, &otp_setup_spec, in, NULL, cancellable, callback, data);
}

BsBsreOtpSetup *
bs_app_context_otp_setup_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return bs_core_task_finish (result, error);
}

static gpointer
otp_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  AccountInput *in = input;

  if (in->device_id != NULL)
    return bs_bsre_otp_verify (session_of (in), in->login, in->device_id, in->secret, cancellable, error);
  return bs_bsre_otp_register (session_of (in), in->login, in->secret, in->device_name, cancellable, error);
}

static const BsCoreCall otp_spec = {
  otp_call, (GDestroyNotify) account_input_free, (GDestroyNotify) bs_bsre_user_free, NULL, NULL, FALSE,
};

void
bs_app_context_otp_async (BsAppContext *self, const char *device_id, const char *device_name, BsSecret *code,
                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  AccountInput *in = account_input (self, code, callback, data);

  if (in == NULL)
    return;
  in->device_id = g_strdup (device_id);
  in->device_name = g_strdup (device_name);
  bs_app_context_run (self, &otp_spec, in, NULL, cancellable, callback, data);
}

gboolean
bs_app_context_otp_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  BsBsreUser *user = bs_core_task_finish (result, error);

  if (user == NULL)
    return FALSE;
  g_clear_pointer (&self->pending_login, bs_bsre_login_free);
  bs_app_context_set_user (self, user);
  return TRUE;
}

/* ---- the e-mailed signing code -------------------------------------------- */

static gpointer
email_otp_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  AccountInput *in = input;

  return bs_bsre_request_email_otp (session_of (in), in->username, in->documents, cancellable, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static const BsCoreCall email_otp_spec = {
  email_otp_call, (GDestroyNotify) account_input_free, NULL, NULL, NULL, FALSE,
};

void
bs_app_context_email_otp_async (BsAppContext *self, guint n_documents, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer data)
{
  AccountInput *in;

  g_return_if_fail (self->user != NULL);
  in = account_input (self, NULL, callback, data);
  if (in == NULL)
    return;
  in->username = g_strdup (bs_app_context_who (self));
  in->documents = n_documents;
  bs_app_context_run (self, &email_otp_spec, in, NULL, cancellable, callback, data);
}

gboolean
bs_app_context_email_otp_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return bs_core_task_finish (result, error) != NULL;
}

/* ---- logout ---------------------------------------------------------------- */

static gpointer
logout_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  BsBsreSession *session = bs_shared_session_get (input);

  if (bs_bsre_session_is_logged_in (session))
    bs_bsre_logout (session, cancellable, error);
  return GINT_TO_POINTER (TRUE);
}

static const BsCoreCall logout_spec = {
  logout_call, (GDestroyNotify) bs_shared_session_unref, NULL, NULL, NULL, FALSE,
};

static void
logged_out (GObject *source, GAsyncResult *result, gpointer data)
{
  /* Best effort: the token is gone on this side whatever the answer. */
  g_autoptr(GError) error = NULL;

  bs_core_task_finish (result, &error);
}

void
bs_app_context_end_session (BsAppContext *self, BsSharedSession *session)
{
  bs_app_context_run (self, &logout_spec, session, NULL, NULL, logged_out, NULL);
}
