/* bs-cli-account.h — the options and the login every account command
 * shares (--server, --user, --password-file, --totp-code, --device,
 * --cacert), and how secrets are asked for.
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
  char *totp_code;
  char *device;
} BsCliAccount;

/* The account options, to add to a command's GOptionContext. */
GOptionGroup  *bs_cli_account_options (BsCliAccount *a);
void           bs_cli_account_clear   (BsCliAccount *a);
/* Fills --server and --cacert from the settings when not given. */
gboolean       bs_cli_account_ready   (BsCliAccount *a, GError **error);
/* Logs in (password, then TOTP or authenticator set-up). */
BsBsreSession *bs_cli_account_login   (BsCliAccount *a, BsBsreUser **user, GError **error);

/* A secret from @file, else from $@env_var (when not NULL), else asked on
 * the terminal with @prompt, else one line of standard input. */
BsSecret      *bs_cli_read_secret     (const char *file, const char *env_var, const char *prompt,
                                       GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BsCliAccount, bs_cli_account_clear)

G_END_DECLS
