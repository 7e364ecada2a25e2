/* bs-app-context-esign.c — the Esign Client Service's "login": no
 * password step and no authenticator, only the integration's credentials
 * and the signer, whom the service must know with a certificate that can
 * sign. See bs-app-context.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-context-private.h"
#include "bs-bsre-signer-id.h"

#include <glib/gi18n.h>

typedef struct {
  BsSharedSession *session;
  char            *who;
} EsignInput;

static void
esign_input_free (EsignInput *in)
{
  g_clear_pointer (&in->session, bs_shared_session_unref);
  g_free (in->who);
  g_free (in);
}

/* Only ISSUE may sign (the contract's §3): any other status would make
 * every signing fail later, so it is said now, in words. */
static gpointer
esign_login_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  EsignInput *in = input;
  BsBsreUser *user = bs_bsre_esign_identify (bs_shared_session_get (in->session), in->who, cancellable, error);

  if (user == NULL || g_strcmp0 (user->certificate_status, "ISSUE") == 0)
    return user;
  g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_CERTIFICATE_NOT_ACTIVE,
               _("The signer's certificate cannot sign: it is %s."),
               bs_certificate_status_describe (user->certificate_status));
  bs_bsre_user_free (user);
  return NULL;
}

static const BsCoreCall esign_login_spec = {
  esign_login_call, (GDestroyNotify) esign_input_free, (GDestroyNotify) bs_bsre_user_free, NULL, NULL, FALSE,
};

void
bs_app_context_esign_login_async (BsAppContext *self, const char *nik_or_email, BsSecret *password,
                                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  GError *error = NULL;
  EsignInput *in;
  BsSharedSession *session;

  g_return_if_fail (BS_IS_APP_CONTEXT (self) && nik_or_email != NULL);

  /* A password typed now replaces the one given before (and the session
   * made with it). */
  if (password != NULL)
    bs_app_context_set_integration_password (self, password);
  session = bs_app_context_dup_session (self, &error);
  if (session != NULL && bs_bsre_session_get_kind (bs_shared_session_get (session)) != BS_BSRE_KIND_ESIGN_CLIENT)
    {
      g_clear_pointer (&session, bs_shared_session_unref);
      error = g_error_new_literal (BS_BSRE_ERROR, BS_BSRE_ERROR_NEEDS_ACCOUNT,
                                   _("The configuration names a BeSign account: log in with its user name"));
    }
  if (session == NULL)
    {
      bs_app_context_fail (self, error, callback, data);
      return;
    }
  in = g_new0 (EsignInput, 1);
  in->session = session;
  in->who = g_strstrip (g_strdup (nik_or_email));
  bs_app_context_run (self, &esign_login_spec, in, NULL, cancellable, callback, data);
}

gboolean
bs_app_context_esign_login_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  EsignInput *in = bs_core_task_get_input (result);
  g_autoptr(GError) failure = NULL;
  BsBsreUser *user = bs_core_task_finish (result, &failure);

  if (user == NULL)
    {
      /* Asked again at the next try, not sent again as it was. */
      if (g_error_matches (failure, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED))
        bs_app_context_set_integration_password (self, NULL);
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  /* The signer signs through the session that named them. */
  if (self->session != in->session)
    {
      g_clear_pointer (&self->session, bs_shared_session_unref);
      self->session = bs_shared_session_ref (in->session);
    }
  bs_app_context_set_user (self, user);
  return TRUE;
}
