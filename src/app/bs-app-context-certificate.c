/* bs-app-context-certificate.c — managing the account's certificate:
 * change or reset the passphrase, request issuance, revoke, and the two
 * e-mailed links' confirmations; the certificate's status in people's
 * words. See bs-app-context.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-context-private.h"

#include <glib/gi18n.h>

typedef struct {
  BsSharedSession *session;
  BsCertAction     action;
  BsSecret        *first, *second;
  char            *reason;
} CertInput;

typedef struct {
  char *message;
  char *status;   /* the certificate's status afterwards, or NULL */
} CertAnswer;

static void
cert_input_free (CertInput *in)
{
  g_clear_pointer (&in->session, bs_shared_session_unref);
  bs_secret_free (in->first);
  bs_secret_free (in->second);
  g_free (in->reason);
  g_free (in);
}

static void
cert_answer_free (CertAnswer *a)
{
  g_free (a->message);
  g_free (a->status);
  g_free (a);
}

const char *
bs_certificate_status_describe (const char *status)
{
  static const struct { const char *name; const char *words; } statuses[] = {
    { "ISSUE", N_("active") },
    { "NOT_REGISTERED", N_("not registered") },
    { "NO_CERTIFICATE", N_("no certificate yet") },
    { "NEW", N_("issued, not activated yet") },
    { "WAITING_FOR_VERIFICATION", N_("waiting for verification: finish the issuance from the e-mailed link") },
    { "RENEW", N_("being renewed") },
    { "EXPIRED", N_("expired") },
    { "SUSPEND", N_("suspended") },
    { "REVOKE", N_("revoked") },
  };

  for (gsize i = 0; status != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].name))
      return _(statuses[i].words);
  return status ? _("unknown") : _("not known yet");
}

/* "2025-03-18T12:03:45Z" as people read it, in local time. */
static char *
readable_time (const char *rfc3339)
{
  g_autoptr(GDateTime) utc = rfc3339 ? g_date_time_new_from_iso8601 (rfc3339, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M (UTC%:z)") : g_strdup (rfc3339 ? rfc3339 : "");
}

static char *
run_action (CertInput *in, BsBsreSession *session, GCancellable *cancellable, GError **error)
{
  g_autofree char *out = NULL;
  g_autofree char *when = NULL;

  switch (in->action)
    {
    case BS_CERT_CHANGE_PASSPHRASE:
      if (!bs_bsre_change_passphrase (session, in->first, in->second, cancellable, error))
        return NULL;
      return g_strdup (_("The passphrase was changed: sign with the new one from now on."));
    case BS_CERT_RESET_PASSPHRASE:
      if (!bs_bsre_reset_passphrase (session, &out, cancellable, error))
        return NULL;
      return g_strdup_printf (_("A link was sent to your official e-mail (%s). It is valid for one hour: open it, "
                                "or copy the token it gives into the field below, and choose the new passphrase."), out);
    case BS_CERT_REQUEST_ISSUANCE:
      if (!bs_bsre_request_issuance (session, &out, cancellable, error))
        return NULL;
      return g_strdup_printf (_("The request was sent. A link was sent to your official e-mail (%s): open it, or copy "
                                "the token it gives into the field below, and choose the passphrase of the new "
                                "certificate. Until then you cannot sign."), out);
    case BS_CERT_CONFIRM_RESET:
      if (!bs_bsre_confirm_reset (session, in->first, in->second, cancellable, error))
        return NULL;
      return g_strdup (_("The new passphrase is set: sign with it from now on."));
    case BS_CERT_CONFIRM_ISSUANCE:
      if (!bs_bsre_confirm_issuance (session, in->first, in->second, &out, cancellable, error))
        return NULL;
      return g_strdup_printf (_("The new certificate was issued (serial number %s): sign with the passphrase you chose."),
                              out);
    case BS_CERT_REVOKE:
    default:
      if (!bs_bsre_revoke (session, in->reason, in->first, &out, cancellable, error))
        return NULL;
      when = readable_time (out);
      return g_strdup_printf (_("The certificate was revoked on %s. It cannot sign any more."), when);
    }
}

/* The status after the action; best effort (the action itself is done). */
static char *
read_status (BsBsreSession *session, GCancellable *cancellable)
{
  g_autoptr(BsBsreUser) profile = bs_bsre_profile (session, cancellable, NULL);

  return profile ? g_steal_pointer (&profile->certificate_status) : NULL;
}

static gpointer
certificate_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  CertInput *in = input;
  BsBsreSession *session = bs_shared_session_get (in->session);
  char *message = run_action (in, session, cancellable, error);
  CertAnswer *answer;

  if (message == NULL)
    return NULL;
  answer = g_new0 (CertAnswer, 1);
  answer->message = message;
  answer->status = read_status (session, cancellable);
  return answer;
}

static const BsCoreCall certificate_spec = {
  certificate_call, (GDestroyNotify) cert_input_free, (GDestroyNotify) cert_answer_free, NULL, NULL, FALSE,
};

void
bs_app_context_certificate_async (BsAppContext *self, BsCertAction action, BsSecret *first, BsSecret *second,
                                  const char *reason, GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer data)
{
  CertInput *in = g_new0 (CertInput, 1);
  GError *error = NULL;

  in->action = action;
  in->first = first;
  in->second = second;
  in->reason = g_strdup (reason);
  in->session = bs_app_context_dup_session (self, &error);
  if (in->session == NULL)
    {
      cert_input_free (in);
      bs_app_context_fail (self, error, callback, data);
      return;
    }
  bs_app_context_run (self, &certificate_spec, in, NULL, cancellable, callback, data);
}

static void
update_status (BsAppContext *self, const char *status)
{
  BsBsreUser *user;

  if (self->user == NULL || status == NULL || g_strcmp0 (self->user->certificate_status, status) == 0)
    return;
  user = g_boxed_copy (BS_TYPE_BSRE_USER, self->user);
  g_free (user->certificate_status);
  user->certificate_status = g_strdup (status);
  bs_app_context_set_user (self, user);
}

char *
bs_app_context_certificate_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  CertAnswer *answer = bs_core_task_finish (result, error);
  char *message;

  if (answer == NULL)
    return NULL;
  update_status (self, answer->status);
  message = g_steal_pointer (&answer->message);
  cert_answer_free (answer);
  return message;
}

/* ---- status ----------------------------------------------------------------- */

typedef struct {
  BsSharedSession *session;
  char            *who;
} StatusInput;

static void
status_input_free (StatusInput *in)
{
  g_clear_pointer (&in->session, bs_shared_session_unref);
  g_free (in->who);
  g_free (in);
}

/* An account reads its profile; an Esign Client Service, which has no
 * profile, is asked for the signer's status (the contract's §3). */
static gpointer
status_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  StatusInput *in = input;
  BsBsreSession *session = bs_shared_session_get (in->session);
  g_autoptr(BsBsreUser) profile = NULL;
  g_autoptr(BsBsreStatus) status = NULL;

  if (bs_bsre_session_get_kind (session) == BS_BSRE_KIND_ESIGN_CLIENT)
    {
      status = bs_bsre_check_status (session, in->who, cancellable, error);
      return status ? g_strdup (status->status ? status->status : "") : NULL;
    }
  profile = bs_bsre_profile (session, cancellable, error);
  if (profile == NULL)
    return NULL;
  return g_strdup (profile->certificate_status ? profile->certificate_status : "");
}

static const BsCoreCall status_spec = {
  status_call, (GDestroyNotify) status_input_free, g_free, NULL, NULL, FALSE,
};

void
bs_app_context_refresh_status_async (BsAppContext *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer data)
{
  GError *error = NULL;
  BsSharedSession *session = bs_app_context_dup_session (self, &error);
  StatusInput *in;

  if (session == NULL)
    {
      bs_app_context_fail (self, error, callback, data);
      return;
    }
  in = g_new0 (StatusInput, 1);
  in->session = session;
  in->who = g_strdup (self->user ? bs_app_context_who (self) : NULL);
  bs_app_context_run (self, &status_spec, in, NULL, cancellable, callback, data);
}

gboolean
bs_app_context_refresh_status_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  g_autofree char *status = bs_core_task_finish (result, error);

  if (status == NULL)
    return FALSE;
  update_status (self, *status ? status : NULL);
  return TRUE;
}
