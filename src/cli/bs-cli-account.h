/* bs-cli-account.h — the options and the login every command that talks
 * to a BSrE service shares, for both kinds of connection:
 *   a BeSign account: --user, --password-file, --totp-code-file, --device;
 *   an Esign Client Service: --basic-user, --basic-password-file, and the
 *   signer by --nik or --email;
 * plus --server and --cacert, and how secrets are asked for. No option
 * takes a secret itself: command lines are visible to every local user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-account.h"

G_BEGIN_DECLS

typedef struct {
  char *server;
  char *cacert;
  char *user;
  char *password_file;
  char *totp_code_file;
  char *device;
  char *basic_user;
  char *basic_password_file;
  char *nik;
  char *email;
} BsCliAccount;

/* The account options, to add to a command's GOptionContext. */
GOptionGroup  *bs_cli_account_options (BsCliAccount *a);
void           bs_cli_account_clear   (BsCliAccount *a);
/* TRUE when any connection option was given. */
gboolean       bs_cli_account_given   (const BsCliAccount *a);
/* TRUE for an Esign Client Service (--basic-user). */
gboolean       bs_cli_account_is_esign (const BsCliAccount *a);
/* Fills --server and --cacert from the settings when not given, and
 * checks that the options name one kind of connection completely. */
gboolean       bs_cli_account_ready   (BsCliAccount *a, GError **error);
/* Connects: logs in to an account (password, then TOTP or authenticator
 * set-up), or names the signer to an Esign Client Service. *@user is who
 * signs (bs_bsre_user_signer_id()). */
BsBsreSession *bs_cli_account_login   (BsCliAccount *a, BsBsreUser **user, GError **error);

/* A secret from @file, else from $@env_var (when not NULL), else asked on
 * the terminal with @prompt, else one line of standard input. */
BsSecret      *bs_cli_read_secret     (const char *file, const char *env_var, const char *prompt,
                                       GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BsCliAccount, bs_cli_account_clear)

G_END_DECLS
