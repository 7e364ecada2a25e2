/* bs-cli.h — sub-commands of besign-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses shared by the sub-commands. */
enum {
  BS_CLI_EXIT_OK = 0,
  BS_CLI_EXIT_FAILED = 1,
  BS_CLI_EXIT_USAGE = 2,
};

int  bs_cli_sign (int argc, char **argv);
int  bs_cli_verify (int argc, char **argv);
int  bs_cli_cert (int argc, char **argv);
int  bs_cli_ltv (int argc, char **argv);
int  bs_cli_login (int argc, char **argv);

/* Prints "besign-cli: <message>" on stderr. */
void bs_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
