/* bs-cli-ltv.c — "besign-cli ltv": validation data (PAdES B-LT) and
 * optionally a document time-stamp (B-LTA) for documents already signed,
 * ours or others', without touching their signatures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli.h"
#include "bs-ltv.h"
#include "bs-output.h"
#include "bs-platform.h"
#include "bs-settings.h"

#include <glib/gi18n.h>
#include <stdio.h>

typedef struct {
  gboolean  timestamp;
  char     *tsa;
  char     *output;
  char     *output_dir;
  char    **inputs;
} LtvArgs;

static void
ltv_args_clear (LtvArgs *a)
{
  g_free (a->tsa);
  g_free (a->output);
  g_free (a->output_dir);
  g_strfreev (a->inputs);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LtvArgs, ltv_args_clear)

static gboolean
parse_ltv_args (int argc, char **argv, LtvArgs *a, GError **error)
{
  const GOptionEntry entries[] = {
    { "timestamp", 0, 0, G_OPTION_ARG_NONE, &a->timestamp, N_("Also add a document time-stamp over everything (PAdES B-LTA)"), NULL },
    { "tsa", 0, 0, G_OPTION_ARG_STRING, &a->tsa, N_("RFC 3161 time-stamp authority (default: the settings' tsa-url)"), N_("URL") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a->output, N_("Output file (one input only)"), N_("OUT") },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &a->output_dir, N_("Output folder (default ~/Besign-output)"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — add long-term validation data to signed PDFs"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Adds a Document Security Store with every certificate of the signatures and time-stamps\n"
      "and a fresh OCSP response or CRL for each (fetched from the certificates' AIA/CRL DP),\n"
      "as an incremental update; with --timestamp also a document time-stamp. Inputs are never\n"
      "modified; results are written as “<name>_ltv.pdf”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;
  if (a->inputs == NULL || (a->output != NULL && g_strv_length (a->inputs) != 1))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("at least one FILE is required, and -o takes one (see --help)"));
      return FALSE;
    }
  if (a->timestamp && a->tsa == NULL)
    {
      g_autoptr(BsSettings) settings = bs_settings_load (NULL, NULL);
      a->tsa = settings ? bs_settings_dup_string (settings, "tsa-url") : NULL;
      if (a->tsa == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               _("--timestamp needs --tsa URL (or tsa-url in the settings)"));
          return FALSE;
        }
    }
  return TRUE;
}

int
bs_cli_ltv (int argc, char **argv)
{
  g_auto(LtvArgs) a = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BsSignalWatch *watch;
  guint failed = 0, done = 0, total;
  int signum;

  if (!parse_ltv_args (argc, argv, &a, &error))
    {
      bs_cli_error ("%s", error->message);
      return BS_CLI_EXIT_USAGE;
    }
  if (a.output != NULL)
    {
      dir = g_path_get_dirname (a.output);
      name = g_path_get_basename (a.output);
    }
  else
    dir = a.output_dir ? g_strdup (a.output_dir) : bs_output_default_dir ();
  g_mkdir_with_parents (dir, 0700);
  bs_output_remove_leftovers (dir);
  total = g_strv_length (a.inputs);
  /* As for sign: a signal stops after the document in flight. */
  watch = bs_platform_watch_signals (cancellable);
  for (char **input = a.inputs; *input != NULL && !g_cancellable_is_cancelled (cancellable); input++)
    {
      BsLtvOptions options = { a.timestamp ? a.tsa : NULL, dir, name };
      g_autoptr(GError) file_error = NULL;
      g_autofree char *out = bs_ltv_extend (*input, &options, cancellable, &file_error);

      if (out != NULL)
        {
          printf ("%s -> %s\n", *input, out);
          done++;
        }
      else if (!g_error_matches (file_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          bs_cli_error ("%s: %s", *input, file_error->message);
          failed++;
        }
    }
  fflush (stdout);
  signum = bs_signal_watch_get_signal (watch);
  bs_signal_watch_free (watch);
  fprintf (stderr, _("Extended %u of %u documents.\n"), done, total);
  if (signum != 0)
    return 128 + signum;
  return failed ? BS_CLI_EXIT_FAILED : BS_CLI_EXIT_OK;
}
