/* bs-cli-cert.c — "besign-cli cert ACTION": the account's certificate
 * (status, chain, change or reset the passphrase, request issuance,
 * revoke).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli.h"
#include "bs-cli-account.h"
#include "bs-bsre-certificate.h"
#include "bs-bsre-signer-id.h"
#include "bs-bsre-signing.h"

#include <glib/gi18n.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  BsCliAccount account;
  char        *passphrase_file;
  char        *new_passphrase_file;
  char        *token_file;
  char        *reason;
  char       **rest;
} CertArgs;

static void
cert_args_clear (CertArgs *a)
{
  bs_cli_account_clear (&a->account);
  g_free (a->passphrase_file);
  g_free (a->new_passphrase_file);
  g_free (a->token_file);
  g_free (a->reason);
  g_strfreev (a->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CertArgs, cert_args_clear)

typedef gboolean (*CertAction) (BsBsreSession *session, BsBsreUser *user, CertArgs *a, GError **error);

static gboolean
show_status (BsBsreSession *session, BsBsreUser *user, CertArgs *a, GError **error)
{
  g_autoptr(BsBsreStatus) status = bs_bsre_check_status (session, bs_bsre_user_signer_id (user), NULL, error);

  if (status == NULL)
    return FALSE;
  printf ("%s\n%s\n", status->status, status->message ? status->message : "");
  return TRUE;
}

static gboolean
print_chain (BsBsreSession *session, BsBsreUser *user, CertArgs *a, GError **error)
{
  g_autoptr(GPtrArray) chain = bs_bsre_certificate_chain (session, bs_bsre_user_signer_id (user), NULL, error);

  for (guint i = 0; chain != NULL && i < chain->len; i++)
    {
      GBytes *der = g_ptr_array_index (chain, i);
      const guint8 *p = g_bytes_get_data (der, NULL);
      X509 *cert = d2i_X509 (NULL, &p, (long) g_bytes_get_size (der));
      if (cert != NULL)
        PEM_write_X509 (stdout, cert);
      X509_free (cert);
    }
  return chain != NULL;
}

static BsSecret *
new_passphrase (CertArgs *a, GError **error)
{
  return bs_cli_read_secret (a->new_passphrase_file, NULL, _("New passphrase: "), error);
}

static BsSecret *
passphrase (CertArgs *a, GError **error)
{
  return bs_cli_read_secret (a->passphrase_file, "BESIGN_PASSPHRASE", _("Passphrase of your certificate: "), error);
}

static gboolean
change_passphrase (BsBsreSession *session, BsBsreUser *user, CertArgs *a, GError **error)
{
  g_autoptr(BsSecret) old = passphrase (a, error);
  g_autoptr(BsSecret) new_pass = old ? new_passphrase (a, error) : NULL;

  if (new_pass == NULL || !bs_bsre_change_passphrase (session, old, new_pass, NULL, error))
    return FALSE;
  printf ("%s\n", _("The passphrase was changed."));
  return TRUE;
}

/* Without --token-file: asks for the e-mail. With it: confirms the link. */
static gboolean
reset_passphrase (BsBsreSession *session, BsBsreUser *user, CertArgs *a, GError **error)
{
  g_autofree char *sent_to = NULL;
  g_autoptr(BsSecret) token = NULL;
  g_autoptr(BsSecret) new_pass = NULL;

  if (a->token_file == NULL)
    {
      if (!bs_bsre_reset_passphrase (session, &sent_to, NULL, error))
        return FALSE;
      printf (_("A reset link was sent to %s. Run this command again with --token-file to finish.\n"), sent_to);
      return TRUE;
    }
  token = bs_secret_new_from_file (a->token_file, error);
  new_pass = token ? new_passphrase (a, error) : NULL;
  if (new_pass == NULL || !bs_bsre_confirm_reset (session, token, new_pass, NULL, error))
    return FALSE;
  printf ("%s\n", _("The passphrase was reset."));
  return TRUE;
}

static gboolean
issue (BsBsreSession *session, BsBsreUser *user, CertArgs *a, GError **error)
{
  g_autofree char *sent_to = NULL;
  g_autofree char *serial = NULL;
  g_autoptr(BsSecret) token = NULL;
  g_autoptr(BsSecret) new_pass = NULL;

  if (a->token_file == NULL)
    {
      if (!bs_bsre_request_issuance (session, &sent_to, NULL, error))
        return FALSE;
      printf (_("The request was sent; a link went to %s. Run this command again with --token-file to finish.\n"),
              sent_to);
      return TRUE;
    }
  token = bs_secret_new_from_file (a->token_file, error);
  new_pass = token ? new_passphrase (a, error) : NULL;
  if (new_pass == NULL || !bs_bsre_confirm_issuance (session, token, new_pass, &serial, NULL, error))
    return FALSE;
  printf (_("A new certificate was issued (serial number %s).\n"), serial);
  return TRUE;
}

static gboolean
known_reason (const char *reason)
{
  for (const char *const *r = bs_bsre_revocation_reasons; reason != NULL && *r != NULL; r++)
    if (g_str_equal (*r, reason))
      return TRUE;
  return FALSE;
}

static gboolean
revoke_certificate (BsBsreSession *session, BsBsreUser *user, CertArgs *a, GError **error)
{
  g_autoptr(BsSecret) pass = NULL;
  g_autofree char *at = NULL;

  if (!known_reason (a->reason))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--reason must be one of unspecified, keyCompromise, affiliationChanged, "
                             "superseded, cessationOfOperation"));
      return FALSE;
    }
  pass = passphrase (a, error);
  if (pass == NULL || !bs_bsre_revoke (session, a->reason, pass, &at, NULL, error))
    return FALSE;
  printf (_("The certificate was revoked at %s.\n"), at);
  return TRUE;
}

static const struct {
  const char *name;
  CertAction  run;
} actions[] = {
  { "status", show_status },
  { "chain", print_chain },
  { "change-passphrase", change_passphrase },
  { "reset-passphrase", reset_passphrase },
  { "issue", issue },
  { "revoke", revoke_certificate },
};

static gboolean
parse_cert_args (int argc, char **argv, CertArgs *a, GError **error)
{
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a->passphrase_file, N_("Read the current passphrase from the first line of FILE (else $BESIGN_PASSPHRASE, else a prompt)"), N_("FILE") },
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a->new_passphrase_file, N_("Read the new passphrase from the first line of FILE (else a prompt)"), N_("FILE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &a->token_file, N_("Finish a reset or issuance with the token of the e-mailed link, read from FILE"), N_("FILE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &a->reason, N_("Reason of a revocation (RFC 5280 name, e.g. keyCompromise)"), N_("R") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("status|chain|change-passphrase|reset-passphrase|issue|revoke"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Manages the certificate of a BSrE account."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, bs_cli_account_options (&a->account));
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;
  if (a->rest == NULL || g_strv_length (a->rest) != 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("one ACTION is required (see --help)"));
      return FALSE;
    }
  return bs_cli_account_ready (&a->account, error);
}

int
bs_cli_cert (int argc, char **argv)
{
  g_auto(CertArgs) a = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreUser) user = NULL;
  g_autoptr(BsBsreSession) session = NULL;
  CertAction action = NULL;
  gboolean ok;

  if (!parse_cert_args (argc, argv, &a, &error))
    {
      bs_cli_error ("%s", error->message);
      return BS_CLI_EXIT_USAGE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].name, a.rest[0]))
      action = actions[i].run;
  if (action == NULL)
    {
      bs_cli_error (_("unknown action “%s” (see --help)"), a.rest[0]);
      return BS_CLI_EXIT_USAGE;
    }
  session = bs_cli_account_login (&a.account, &user, &error);
  ok = session != NULL && action (session, user, &a, &error);
  if (session != NULL)
    bs_bsre_logout (session, NULL, NULL);
  if (!ok)
    {
      bs_cli_error ("%s", error->message);
      return BS_CLI_EXIT_FAILED;
    }
  return BS_CLI_EXIT_OK;
}
