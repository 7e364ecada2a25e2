/* bs-cli-login.c — "besign-cli login": checks an account's password and
 * authenticator code (or an Esign Client Service's integration credentials
 * and signer) and shows who it is and the certificate's status.
 * Nothing is kept: every account command logs in for itself (the access
 * token lives in memory only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli.h"
#include "bs-cli-account.h"
#include "bs-bsre-signer-id.h"

#include <glib/gi18n.h>
#include <stdio.h>

int
bs_cli_login (int argc, char **argv)
{
  g_auto(BsCliAccount) account = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— check a BSrE account's login"));
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreUser) user = NULL;
  g_autoptr(BsBsreUser) profile = NULL;
  g_autoptr(BsBsreSession) session = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_group (context, bs_cli_account_options (&account));
  if (!g_option_context_parse (context, &argc, &argv, &error) || !bs_cli_account_ready (&account, &error))
    {
      bs_cli_error ("%s", error->message);
      return BS_CLI_EXIT_USAGE;
    }
  session = bs_cli_account_login (&account, &user, &error);
  if (session != NULL && bs_bsre_session_get_kind (session) == BS_BSRE_KIND_ESIGN_CLIENT)
    {
      printf (_("The Esign Client Service accepts the integration and knows the signer %s\nCertificate status: %s\n"),
              bs_bsre_user_signer_id (user), user->certificate_status);
      return BS_CLI_EXIT_OK;
    }
  if (session != NULL)
    profile = bs_bsre_profile (session, NULL, &error);
  if (profile == NULL)
    {
      bs_cli_error ("%s", error->message);
      return BS_CLI_EXIT_FAILED;
    }
  printf (_("Logged in as %s <%s>, %s\nCertificate status: %s\n"), profile->name, profile->email,
          profile->organization ? profile->organization : "-",
          profile->certificate_status ? profile->certificate_status : "-");
  bs_bsre_logout (session, NULL, NULL);
  return BS_CLI_EXIT_OK;
}
