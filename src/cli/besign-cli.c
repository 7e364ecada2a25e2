/* besign-cli.c — the scriptable face of libbesign-core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli.h"
#include "bs-platform.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "sign", bs_cli_sign, N_("Sign PDF documents with a PAdES signature") },
  { "verify", bs_cli_verify, N_("Verify the signatures of PDF documents (offline)") },
  { "login", bs_cli_login, N_("Check the login of a BSrE account and show its certificate status") },
  { "cert", bs_cli_cert, N_("Manage the certificate of a BSrE account") },
  { "ltv", bs_cli_ltv, N_("Add long-term validation data (B-LT/B-LTA) to signed PDFs") },
};

void
bs_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "besign-cli: %s\n", message);
}

static void
print_usage (FILE *to)
{
  fprintf (to, _("Usage: besign-cli COMMAND [OPTION…]\n\nCommands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (to, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (to, _("\nRun “besign-cli COMMAND --help” for the options of a command.\n"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* BESIGN_LOCALEDIR lets the tests use the catalogs of the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BESIGN_LOCALEDIR") ? g_getenv ("BESIGN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  bs_platform_init_process ();

  if (argc < 2)
    {
      print_usage (stderr);
      return BS_CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return BS_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("besign-cli %s\n", BESIGN_VERSION);
      return BS_CLI_EXIT_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  bs_cli_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return BS_CLI_EXIT_USAGE;
}
