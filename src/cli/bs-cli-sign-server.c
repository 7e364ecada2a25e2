/* bs-cli-sign-server.c — see bs-cli-sign-server.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli.h"
#include "bs-cli-sign-server.h"
#include "bs-bsre-signer-id.h"
#include "bs-sign-server-side.h"
#include "bs-signer-remote.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* The passphrase, or a code the service e-mails for @n_documents (one
 * code covers one request, and the whole batch is one request). */
static BsSecret *
authorisation (const BsCliServiceSigning *how, BsBsreSession *session, const char *signer_id, guint n_documents,
               GError **error)
{
  if (!how->email_otp)
    return bs_cli_read_secret (how->passphrase_file, "BESIGN_PASSPHRASE", _("Passphrase of your certificate: "),
                               error);
  if (!bs_bsre_request_email_otp (session, signer_id, n_documents, NULL, error))
    return NULL;
  fprintf (stderr, _("A signing code was sent to your official e-mail address.\n"));
  return bs_cli_read_secret (NULL, NULL, _("Code from the e-mail: "), error);
}

static int
sign (BsBsreSession *session, const char *signer_id, const BsBsreSigningAuth *auth, gboolean server_side,
      GPtrArray *files, const BsSignOptions *options, GError **error)
{
  const char *const *inputs = (const char *const *) files->pdata;
  BsCliRemoteBatch remote = { session, signer_id, auth };
  g_autoptr(BsSigner) signer = NULL;

  if (server_side)
    return bs_cli_sign_watched (inputs, options, NULL, &remote);
  signer = bs_signer_remote_new (session, signer_id, auth, NULL, error);
  return signer ? bs_cli_sign_watched (inputs, options, signer, NULL) : -1;
}

int
bs_cli_sign_with_service (BsCliAccount *account, const BsCliServiceSigning *how, GPtrArray *files,
                          const BsSignOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreUser) user = NULL;
  g_autoptr(BsBsreSession) session = NULL;
  g_autoptr(BsSecret) secret = NULL;
  BsBsreSigningAuth auth = { NULL, NULL };
  const char *signer_id = NULL;
  int status = -1;

  /* Hash signing is an account's; an Esign Client Service takes documents. */
  if (bs_cli_account_is_esign (account) && !how->server_side)
    {
      bs_cli_error ("%s", _("an Esign Client Service signs whole documents: add --server-side "
                            "(the documents are then sent to the service)"));
      return BS_CLI_EXIT_USAGE;
    }
  session = bs_cli_account_login (account, &user, &error);
  if (session != NULL)
    {
      signer_id = bs_bsre_user_signer_id (user);
      secret = authorisation (how, session, signer_id, files->len, &error);
      *(how->email_otp ? &auth.otp : &auth.passphrase) = secret;
    }
  if (secret != NULL)
    status = sign (session, signer_id, &auth, how->server_side, files, options, &error);
  if (session != NULL)
    bs_bsre_logout (session, NULL, NULL);
  if (status < 0)
    {
      bs_cli_error ("%s", error->message);
      return BS_CLI_EXIT_FAILED;
    }
  return status;
}
