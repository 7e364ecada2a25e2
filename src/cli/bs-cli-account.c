/* bs-cli-account.c — see bs-cli-account.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli-account.h"
#include "bs-bsre-signer-id.h"
#include "bs-platform.h"
#include "bs-settings.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

GOptionGroup *
bs_cli_account_options (BsCliAccount *a)
{
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &a->server, N_("BSrE service address (default: the settings' server-url)"), N_("URL") },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, &a->cacert, N_("Extra CA certificate (PEM) to trust for a server with a private CA"), N_("FILE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &a->user, N_("Username or e-mail of the BSrE account"), N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &a->password_file, N_("Read the account password from the first line of FILE (else $BESIGN_PASSWORD, else a prompt)"), N_("FILE") },
    { "totp-code-file", 0, 0, G_OPTION_ARG_FILENAME, &a->totp_code_file, N_("Read the authenticator code from the first line of FILE (else a prompt, else a line of standard input)"), N_("FILE") },
    { "device", 0, 0, G_OPTION_ARG_STRING, &a->device, N_("Authenticator device id, when the account has several (default: the first)"), N_("ID") },
    { "basic-user", 0, 0, G_OPTION_ARG_STRING, &a->basic_user, N_("Esign Client Service: the integration's user name (HTTP Basic)"), N_("NAME") },
    { "basic-password-file", 0, 0, G_OPTION_ARG_FILENAME, &a->basic_password_file, N_("Esign Client Service: read the integration's password from the first line of FILE (else $BESIGN_BASIC_PASSWORD, else a prompt)"), N_("FILE") },
    { "nik", 0, 0, G_OPTION_ARG_STRING, &a->nik, N_("Esign Client Service: the signer's NIK"), N_("NIK") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &a->email, N_("Esign Client Service: the signer's official e-mail address (instead of --nik)"), N_("EMAIL") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("account", _("BSrE service options (a BeSign account, or an Esign Client Service):"),
                                            _("Show the BSrE service options"), NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

void
bs_cli_account_clear (BsCliAccount *a)
{
  g_free (a->server);
  g_free (a->cacert);
  g_free (a->user);
  g_free (a->password_file);
  g_free (a->totp_code_file);
  g_free (a->device);
  g_free (a->basic_user);
  g_free (a->basic_password_file);
  g_free (a->nik);
  g_free (a->email);
}

gboolean
bs_cli_account_given (const BsCliAccount *a)
{
  return a->server != NULL || a->user != NULL || a->basic_user != NULL;
}

gboolean
bs_cli_account_is_esign (const BsCliAccount *a)
{
  return a->basic_user != NULL;
}

static gboolean
usage_error (GError **error, const char *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, message);
  return FALSE;
}

gboolean
bs_cli_account_ready (BsCliAccount *a, GError **error)
{
  g_autoptr(BsSettings) settings = bs_settings_load (NULL, NULL);

  if (a->server == NULL)
    a->server = bs_settings_dup_string (settings, "server-url");
  if (a->cacert == NULL)
    a->cacert = bs_settings_dup_string (settings, "server-ca-file");
  if (a->server == NULL || (a->user == NULL) == (a->basic_user == NULL))
    return usage_error (error, _("--server (or server-url in the settings) and either --user (a BeSign account) "
                                 "or --basic-user (an Esign Client Service) are required"));
  if (a->basic_user != NULL && (a->nik == NULL) == (a->email == NULL))
    return usage_error (error, _("an Esign Client Service needs the signer: --nik or --email (one of them)"));
  if (a->user != NULL && (a->nik != NULL || a->email != NULL || a->basic_password_file != NULL))
    return usage_error (error, _("--nik, --email and --basic-password-file are for an Esign Client Service "
                                 "(--basic-user); an account signs as its own user"));
  if (a->basic_user != NULL && (a->password_file != NULL || a->totp_code_file != NULL || a->device != NULL))
    return usage_error (error, _("--password-file, --totp-code-file and --device are for a BeSign account (--user)"));
  return TRUE;
}

BsSecret *
bs_cli_read_secret (const char *file, const char *env_var, const char *prompt, GError **error)
{
  const char *env = env_var ? g_getenv (env_var) : NULL;

  if (file != NULL)
    return bs_secret_new_from_file (file, error);
  if (env != NULL)
    return bs_secret_new (env, strlen (env));
  if (bs_platform_stdin_is_tty ())
    return bs_secret_new_from_tty (prompt, error);
  return bs_secret_new_from_stream (stdin, error);
}

static BsSecret *
totp_code (BsCliAccount *a, GError **error)
{
  return bs_cli_read_secret (a->totp_code_file, NULL, _("Authenticator code: "), error);
}

/* First login on this account: show the secret to add to an authenticator. */
static BsBsreUser *
set_up_authenticator (BsBsreSession *session, BsCliAccount *a, BsBsreLogin *login, GError **error)
{
  g_autoptr(BsBsreOtpSetup) setup = bs_bsre_otp_setup (session, login, NULL, error);
  g_autoptr(BsSecret) code = NULL;

  if (setup == NULL)
    return NULL;
  fprintf (stderr, _("This account has no authenticator yet. Add this key to your authenticator app:\n"
                     "  %s\n  (%s)\n"), bs_secret_get (setup->secret), setup->otpauth_uri);
  code = totp_code (a, error);
  return code ? bs_bsre_otp_register (session, login, code, "besign-cli", NULL, error) : NULL;
}

static const char *
choose_device (BsCliAccount *a, BsBsreLogin *login, GError **error)
{
  for (guint i = 0; i < login->devices->len; i++)
    {
      BsBsreDevice *d = g_ptr_array_index (login->devices, i);
      if (a->device == NULL || g_str_equal (a->device, d->id))
        return d->id;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("The account has no authenticator device “%s”"),
               a->device ? a->device : "");
  return NULL;
}

/* No login step: the integration's credentials go with every call, and
 * the service is asked whether it knows the signer. */
static BsBsreSession *
connect_esign (BsCliAccount *a, BsBsreUser **user, GError **error)
{
  g_autoptr(BsSecret) password = bs_cli_read_secret (a->basic_password_file, "BESIGN_BASIC_PASSWORD",
                                                     _("Password of the integration: "), error);
  g_autoptr(BsBsreSession) session = NULL;

  if (password == NULL)
    return NULL;
  session = bs_bsre_session_new_esign_client (a->server, a->cacert, a->basic_user, password, error);
  if (session == NULL)
    return NULL;
  *user = bs_bsre_esign_identify (session, a->nik ? a->nik : a->email, NULL, error);
  return *user ? g_steal_pointer (&session) : NULL;
}

BsBsreSession *
bs_cli_account_login (BsCliAccount *a, BsBsreUser **user, GError **error)
{
  g_autoptr(BsBsreSession) session = NULL;
  g_autoptr(BsSecret) password = NULL;
  g_autoptr(BsBsreLogin) login = NULL;
  g_autoptr(BsSecret) code = NULL;
  const char *device;

  if (bs_cli_account_is_esign (a))
    return connect_esign (a, user, error);
  session = bs_bsre_session_new (a->server, a->cacert, error);
  if (session == NULL)
    return NULL;
  password = bs_cli_read_secret (a->password_file, "BESIGN_PASSWORD", _("Account password: "), error);
  if (password == NULL || (login = bs_bsre_login (session, a->user, password, NULL, error)) == NULL)
    return NULL;
  g_clear_pointer (&password, bs_secret_free);
  if (login->setup_required)
    *user = set_up_authenticator (session, a, login, error);
  else if ((device = choose_device (a, login, error)) != NULL && (code = totp_code (a, error)) != NULL)
    *user = bs_bsre_otp_verify (session, login, device, code, NULL, error);
  return *user ? g_steal_pointer (&session) : NULL;
}
