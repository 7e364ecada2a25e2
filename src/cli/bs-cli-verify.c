/* bs-cli-verify.c — "besign-cli verify": offline verification, text or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli.h"
#include "bs-settings.h"
#include "bs-verify.h"
#include "bs-verify-json.h"
#include "bs-verify-text.h"

#include <glib/gi18n.h>
#include <stdio.h>

typedef struct {
  char    **trust;
  gboolean  online;
  gboolean  json;
  char     *pdf_password_file;
  char    **inputs;
} VerifyArgs;

static void
verify_args_clear (VerifyArgs *a)
{
  g_strfreev (a->trust);
  g_free (a->pdf_password_file);
  g_strfreev (a->inputs);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VerifyArgs, verify_args_clear)

static gboolean
parse_verify_args (int argc, char **argv, VerifyArgs *a, GError **error)
{
  const GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->trust, N_("Trust the certificates in FILE or in every file of DIR (PEM or DER); repeatable"), N_("FILE|DIR") },
    { "online", 0, 0, G_OPTION_ARG_NONE, &a->online, N_("Also check revocation over the network (OCSP/CRL)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &a->json, N_("Print the BSrE /api/v2/verify/pdf answer shape, with details under \"besign\""), NULL },
    { "pdf-password-file", 0, 0, G_OPTION_ARG_FILENAME, &a->pdf_password_file, N_("Open password-protected PDFs with the password on the first line of FILE"), N_("FILE") },
    /* The name issue 12 and the window's users know it by; one variable, so
     * the last of the two given wins, as for any repeated option. */
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &a->pdf_password_file, N_("The same as --pdf-password-file"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — verify the signatures of PDF files"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Prints “FILE: VERDICT” per file, VERDICT one of VALID, UNTRUSTED, INDETERMINATE, MODIFIED,\n"
      "INVALID, UNSIGNED, ERROR, then the details of each signature. Works offline; no login needed.\n"
      "Exit status: 0 VALID, 1 UNTRUSTED, 6 INDETERMINATE, 2 MODIFIED, 3 INVALID, 4 UNSIGNED, 5 ERROR\n"
      "(for several files, the worst, in that order)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;
  if (a->inputs == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("at least one FILE is required (see --help)"));
      return FALSE;
    }
  return TRUE;
}

/* Files are verified on a thread per processor and reported in the order
 * given: the report of file i is printed as soon as files 0..i are done. */
typedef struct {
  const BsVerifyOptions *options;
  char                 **inputs;
  BsVerifyReport       **reports;  /* NULL where verification failed */
  char                 **errors;
  gboolean              *finished;
  GMutex                 lock;
  GCond                  changed;
} Verification;

static void
verify_one (gpointer index_plus_one, gpointer data)
{
  Verification *v = data;
  guint i = GPOINTER_TO_UINT (index_plus_one) - 1;
  g_autoptr(GError) error = NULL;
  BsVerifyReport *report = bs_verify_file (v->inputs[i], v->options, NULL, &error);

  /* GLib keeps pool threads for reuse: nothing of OpenSSL may stay behind. */
  bs_verify_thread_done ();

  g_mutex_lock (&v->lock);
  v->reports[i] = report;
  if (report == NULL)
    v->errors[i] = g_strdup (error->message);
  v->finished[i] = TRUE;
  g_cond_broadcast (&v->changed);
  g_mutex_unlock (&v->lock);
}

static void
wait_for (Verification *v, guint i)
{
  g_mutex_lock (&v->lock);
  while (!v->finished[i])
    g_cond_wait (&v->changed, &v->lock);
  g_mutex_unlock (&v->lock);
}

static void
print_report (const BsVerifyReport *report)
{
  g_autofree char *text = bs_verify_report_to_text (report);

  fputs (text, stdout);
}

/* Verifies every input (reports appended in order to @reports); returns
 * the exit status, the worst verdict. */
static int
verify_all (const VerifyArgs *a, const BsVerifyOptions *options, GPtrArray *reports)
{
  guint n = g_strv_length (a->inputs);
  Verification v = { .options = options, .inputs = a->inputs, .reports = g_new0 (BsVerifyReport *, n),
                     .errors = g_new0 (char *, n), .finished = g_new0 (gboolean, n) };
  GThreadPool *pool = g_thread_pool_new (verify_one, &v, (int) MIN ((guint) g_get_num_processors (), n), FALSE, NULL);
  int status = 0;

  g_mutex_init (&v.lock);
  g_cond_init (&v.changed);
  for (guint i = 0; i < n; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  for (guint i = 0; i < n; i++)
    {
      wait_for (&v, i);
      if (v.reports[i] == NULL)
        {
          bs_cli_error ("%s: %s", a->inputs[i], v.errors[i]);
          status = (int) bs_verdict_worst ((BsVerdict) status, BS_VERDICT_ERROR);
          continue;
        }
      status = (int) bs_verdict_worst ((BsVerdict) status, v.reports[i]->verdict);
      if (!a->json)
        print_report (v.reports[i]);
      g_ptr_array_add (reports, v.reports[i]);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < n; i++)
    g_free (v.errors[i]);
  g_free (v.errors);
  g_free (v.reports);
  g_free (v.finished);
  g_mutex_clear (&v.lock);
  g_cond_clear (&v.changed);
  return status;
}

int
bs_cli_verify (int argc, char **argv)
{
  g_auto(VerifyArgs) a = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_verify_report_free);
  g_autoptr(BsSettings) settings = NULL;
  g_autoptr(GPtrArray) trust = NULL;
  g_auto(GStrv) configured = NULL;
  g_autoptr(BsSecret) pdf_password = NULL;
  BsVerifyOptions options = { 0 };
  int status = 0;

  if (!parse_verify_args (argc, argv, &a, &error)
      || (a.pdf_password_file != NULL && (pdf_password = bs_secret_new_from_file (a.pdf_password_file, &error)) == NULL))
    {
      bs_cli_error ("%s", error->message);
      return BS_VERDICT_ERROR;
    }
  settings = bs_settings_load (NULL, NULL);
  trust = g_ptr_array_new ();
  for (char **t = a.trust; t != NULL && *t != NULL; t++)
    g_ptr_array_add (trust, *t);
  configured = settings ? bs_settings_dup_trust_folders (settings) : NULL;
  for (char **t = configured; t != NULL && *t != NULL; t++)
    g_ptr_array_add (trust, *t);
  g_ptr_array_add (trust, NULL);
  options.trust_paths = (char **) trust->pdata;
  options.online = a.online;
  options.pdf_password = pdf_password;
  status = verify_all (&a, &options, reports);
  if (a.json)
    {
      g_autofree char *text = bs_verify_json_print (reports);
      puts (text);
    }
  return status;
}
