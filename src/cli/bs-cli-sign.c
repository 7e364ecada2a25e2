/* bs-cli-sign.c — "besign-cli sign": signing many PDFs with a local PKCS#12
 * file or with a BSrE account (hash signing, or whole documents sent to
 * the service with --server-side).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-cli"

#include "bs-cli.h"
#include "bs-cli-account.h"
#include "bs-cli-sign-server.h"
#include "bs-output.h"
#include "bs-platform.h"
#include "bs-secret.h"
#include "bs-settings.h"
#include "bs-sign.h"
#include "bs-sign-server-side.h"
#include "bs-signer-pkcs12.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char     *p12;
  char     *passphrase_file;
  gboolean  visible;
  int       page;
  char     *rect;
  char     *at_text;
  char     *image;
  char     *reason;
  char     *location;
  char     *contact;
  char     *field;
  char     *level;
  char     *tsa;
  int       certify;
  char     *output;
  char     *output_dir;
  char    **inputs;
  BsCliAccount account;
  gboolean  email_otp;
  gboolean  server_side;
  char     *pdf_password_file;
  BsSecret *pdf_password;
} SignArgs;

static void
sign_args_clear (SignArgs *a)
{
  g_free (a->p12);
  g_free (a->passphrase_file);
  g_free (a->rect);
  g_free (a->at_text);
  g_free (a->image);
  g_free (a->reason);
  g_free (a->location);
  g_free (a->contact);
  g_free (a->field);
  g_free (a->level);
  g_free (a->tsa);
  g_free (a->output);
  g_free (a->output_dir);
  g_strfreev (a->inputs);
  g_free (a->pdf_password_file);
  bs_secret_free (a->pdf_password);
  bs_cli_account_clear (&a->account);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SignArgs, sign_args_clear)

/* --page left out (GOption cannot say so otherwise). */
#define PAGE_NOT_GIVEN G_MININT

/* @n comma-separated numbers. */
static gboolean
parse_numbers (const char *text, guint n, double *v)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *end = NULL;
      v[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0')
        return FALSE;
    }
  return TRUE;
}

/* X,Y,W,H; with --at-text only W,H (the marker gives the corner). */
static gboolean
parse_rect (const SignArgs *a, BsDisplayRect *rect, GError **error)
{
  double v[4];

  if (a->at_text == NULL && parse_numbers (a->rect, 4, v))
    *rect = (BsDisplayRect) { v[0], v[1], v[2], v[3] };
  else if (a->at_text != NULL && parse_numbers (a->rect, 2, v))
    *rect = (BsDisplayRect) { 0, 0, v[0], v[1] };
  else if (a->at_text != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("with --at-text, --rect gives only the size W,H (the text gives the place), not “%s”"),
                   a->rect);
      return FALSE;
    }
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--rect needs four numbers X,Y,W,H, not “%s”"), a->rect);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_pdf_extension (const char *name)
{
  return g_str_has_suffix (name, ".pdf") || g_str_has_suffix (name, ".PDF");
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Folders stand for the PDF files directly inside them, in name order. */
static gboolean
expand_inputs (char **inputs, GPtrArray *files, GError **error)
{
  for (char **p = inputs; *p != NULL; p++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) found = NULL;
      const char *name;

      if (!g_file_test (*p, G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (files, g_strdup (*p));
          continue;
        }
      dir = g_dir_open (*p, 0, error);
      if (dir == NULL)
        return FALSE;
      found = g_ptr_array_new ();
      while ((name = g_dir_read_name (dir)) != NULL)
        if (has_pdf_extension (name))
          g_ptr_array_add (found, g_build_filename (*p, name, NULL));
      g_ptr_array_sort (found, compare_paths);
      g_ptr_array_extend_and_steal (files, g_steal_pointer (&found));
    }
  return TRUE;
}

static gboolean
uses_account (const SignArgs *a)
{
  return bs_cli_account_given (&a->account);
}

static gboolean
parse_sign_args (int argc, char **argv, SignArgs *a, GError **error)
{
  const GOptionEntry entries[] = {
    { "p12", 0, 0, G_OPTION_ARG_FILENAME, &a->p12, N_("PKCS#12 certificate file (.p12/.pfx) to sign with"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a->passphrase_file, N_("Read the certificate password, or the account's passphrase, from the first line of FILE (else $BESIGN_PASSPHRASE, else a prompt)"), N_("FILE") },
    { "email-otp", 0, 0, G_OPTION_ARG_NONE, &a->email_otp, N_("With a BSrE service: authorise with a code e-mailed by the service instead of the passphrase"), NULL },
    { "server-side", 0, 0, G_OPTION_ARG_NONE, &a->server_side, N_("Send whole documents to the service (/api/v2/sign/pdf) instead of only their hashes (required with an Esign Client Service)"), NULL },
    { "pdf-password-file", 0, 0, G_OPTION_ARG_FILENAME, &a->pdf_password_file, N_("With --server-side: the password of protected PDFs, from the first line of FILE (sent to the service as pdfPassword)"), N_("FILE") },
    { "visible", 0, 0, G_OPTION_ARG_NONE, &a->visible, N_("Draw a visible signature (default: invisible)"), NULL },
    { "page", 0, 0, G_OPTION_ARG_INT, &a->page, N_("Page of the visible signature, from 1 (default 1; with --at-text, the page to look on, default every page)"), N_("N") },
    { "rect", 0, 0, G_OPTION_ARG_STRING, &a->rect, N_("Box of the visible signature in points, origin at the top-left of the page as displayed (with --at-text: only its size W,H; default 180,72)"), N_("X,Y,W,H") },
    { "at-text", 0, 0, G_OPTION_ARG_STRING, &a->at_text, N_("Put the visible signature at the first occurrence of TEXT in the document (case-sensitive): the box's top-left corner on the text's, moved onto the page near an edge"), N_("TEXT") },
    { "image", 0, 0, G_OPTION_ARG_FILENAME, &a->image, N_("Specimen image (PNG or JPEG) of the visible signature"), N_("IMG") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &a->reason, N_("Reason for signing"), N_("TEXT") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &a->location, N_("Place of signing"), N_("TEXT") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &a->contact, N_("Contact information of the signer"), N_("TEXT") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &a->level, N_("PAdES level: B-B, B-T (time-stamped), B-LT (with validation data) or B-LTA (and a document time-stamp); default B-T when a TSA is configured, else B-B"), N_("LEVEL") },
    { "tsa", 0, 0, G_OPTION_ARG_STRING, &a->tsa, N_("RFC 3161 time-stamp authority (default: the settings' tsa-url)"), N_("URL") },
    { "field", 0, 0, G_OPTION_ARG_STRING, &a->field, N_("Sign into this empty signature field of the document (its page and box are used)"), N_("NAME") },
    { "certify", 0, 0, G_OPTION_ARG_INT, &a->certify, N_("Certify the document (first signature only): 1 no changes, 2 form filling and signing, 3 also annotations"), N_("P") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a->output, N_("Output file (one input only)"), N_("OUT") },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &a->output_dir, N_("Output folder (default ~/Besign-output)"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT… — sign PDF files or every PDF in folders"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Signs each input with a PAdES (ETSI.CAdES.detached) signature as an incremental update.\n"
      "Inputs are never modified; each result is written as “<name>_signed.pdf” without\n"
      "overwriting existing files. Prints “INPUT -> OUTPUT” per signed document."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, bs_cli_account_options (&a->account));
  a->page = PAGE_NOT_GIVEN;
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;
  if (a->page != PAGE_NOT_GIVEN && a->page < 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--page counts from 1"));
      return FALSE;
    }
  if (a->at_text != NULL && (*a->at_text == '\0' || a->field != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           *a->at_text == '\0' ? _("--at-text needs the text to look for")
                                               : _("--at-text and --field both say where to sign: give one"));
      return FALSE;
    }
  if ((a->p12 == NULL) == !uses_account (a) || a->inputs == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("either --p12, or a BSrE service (--user or --basic-user), and at least one INPUT, are required (see --help)"));
      return FALSE;
    }
  if (a->pdf_password_file != NULL && !(uses_account (a) && a->server_side))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("signing a password-protected PDF on this computer is not supported yet: "
                             "use --server-side, or remove the protection first"));
      return FALSE;
    }
  if (a->pdf_password_file != NULL
      && (a->pdf_password = bs_secret_new_from_file (a->pdf_password_file, error)) == NULL)
    return FALSE;
  if (uses_account (a) && a->server_side && (a->level != NULL || a->tsa != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("with --server-side the service chooses the level and the time-stamp "
                             "(PAdES B-T): leave out --level and --tsa"));
      return FALSE;
    }
  return !uses_account (a) || bs_cli_account_ready (&a->account, error);
}

/* B-T by default when a TSA is known (the service's practice), else B-B. */
static gboolean
choose_level (SignArgs *a, BsSignOptions *o, GError **error)
{
  if (a->tsa == NULL)
    {
      g_autoptr(BsSettings) settings = bs_settings_load (NULL, NULL);
      a->tsa = settings ? bs_settings_dup_string (settings, "tsa-url") : NULL;
    }
  o->tsa_url = a->tsa;
  o->level = a->tsa ? BS_SIGN_LEVEL_B_T : BS_SIGN_LEVEL_B_B;
  if (a->level != NULL && !bs_sign_level_parse (a->level, &o->level))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--level takes B-B, B-T, B-LT or B-LTA, not “%s”"), a->level);
      return FALSE;
    }
  if (o->level >= BS_SIGN_LEVEL_B_T && o->tsa_url == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--level B-T and above need --tsa URL (or tsa-url in the settings)"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
fill_options (SignArgs *a, guint n_inputs, BsSignOptions *o, char **dir_owned,
              char **name_owned, GError **error)
{
  memset (o, 0, sizeof *o);
  o->visible = a->visible || a->rect != NULL || a->image != NULL || a->at_text != NULL;
  /* At a marker with no page given: every page, from the first. */
  o->page = a->page != PAGE_NOT_GIVEN ? a->page : a->at_text != NULL ? 0 : 1;
  o->at_text = a->at_text;
  o->rect = (BsDisplayRect) { 36, 36, 180, 72 };
  if (a->rect != NULL && !parse_rect (a, &o->rect, error))
    return FALSE;
  o->image_path = a->image;
  o->reason = a->reason;
  o->location = a->location;
  o->contact = a->contact;
  o->field_name = a->field;
  o->pdf_password = a->pdf_password;
  if (!choose_level (a, o, error))
    return FALSE;
  if (a->certify < 0 || a->certify > 3)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--certify takes 1, 2 or 3"));
      return FALSE;
    }
  o->certify = a->certify;
  if (a->output != NULL)
    {
      if (n_inputs != 1)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("-o takes one input; use --output-dir for several"));
          return FALSE;
        }
      *dir_owned = g_path_get_dirname (a->output);
      *name_owned = g_path_get_basename (a->output);
    }
  else
    *dir_owned = a->output_dir ? g_strdup (a->output_dir) : bs_output_default_dir ();
  o->output_dir = *dir_owned;
  o->output_name = *name_owned;
  return TRUE;
}

void
bs_cli_sign_progress (const BsSignResult *r, guint done, guint total, gpointer user_data)
{
  /* After Ctrl-C the summary says how many were left: no line for each. */
  if (r->output == NULL && g_error_matches (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (r->output != NULL && r->repaired)
    printf (_("%s -> %s (the file was damaged and was rebuilt before signing)\n"), r->input, r->output);
  else if (r->output != NULL)
    printf ("%s -> %s\n", r->input, r->output);
  else
    bs_cli_error ("%s: %s", r->input, r->error->message);
  fflush (stdout);
}

static BsSigner *
local_signer (const SignArgs *a, GError **error)
{
  g_autoptr(BsSecret) password = bs_cli_read_secret (a->passphrase_file, "BESIGN_PASSPHRASE",
                                                     _("Password of the certificate file: "), error);

  return password ? bs_signer_pkcs12_new (a->p12, password, error) : NULL;
}

/* Signs @inputs (with @signer, or through the service when @remote is
 * given); SIGINT/SIGTERM/SIGHUP stop the batch after the document in
 * flight (whose temporary is removed) instead of killing the process.
 * Returns the exit status. */
int
bs_cli_sign_watched (const char * const *inputs, const BsSignOptions *options, BsSigner *signer,
                     const BsCliRemoteBatch *remote)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BsSignalWatch *watch = bs_platform_watch_signals (cancellable);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = remote != NULL
    ? bs_sign_files_server_side (remote->session, remote->signer_id, remote->auth, inputs, options,
                                 bs_cli_sign_progress, NULL, cancellable)
    : bs_sign_files (inputs, options, signer, bs_cli_sign_progress, NULL, cancellable);
  int signum = bs_signal_watch_get_signal (watch);

  bs_signal_watch_free (watch);
  return bs_cli_sign_report (results, signum);
}

int
bs_cli_sign_report (GPtrArray *results, int signum)
{
  guint failed = 0;

  for (guint i = 0; i < results->len; i++)
    failed += ((BsSignResult *) g_ptr_array_index (results, i))->output == NULL;
  fprintf (stderr, _("Signed %u of %u documents.\n"), results->len - failed, results->len);
  if (signum != 0)
    {
      fprintf (stderr, _("Interrupted: the other documents were not signed, and nothing of them was left "
                         "in the output folder.\n"));
      return 128 + signum;
    }
  return failed > 0 ? BS_CLI_EXIT_FAILED : BS_CLI_EXIT_OK;
}

int
bs_cli_sign (int argc, char **argv)
{
  g_auto(SignArgs) a = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(BsSigner) signer = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  BsSignOptions options;

  if (!parse_sign_args (argc, argv, &a, &error)
      || !expand_inputs (a.inputs, files, &error)
      || !fill_options (&a, files->len, &options, &dir, &name, &error))
    {
      bs_cli_error ("%s", error->message);
      return BS_CLI_EXIT_USAGE;
    }
  if (uses_account (&a))
    {
      BsCliServiceSigning how = { a.passphrase_file, a.email_otp, a.server_side };
      return bs_cli_sign_with_service (&a.account, &how, files, &options);
    }
  signer = local_signer (&a, &error);
  if (signer == NULL)
    {
      bs_cli_error ("%s", error->message);
      return BS_CLI_EXIT_FAILED;
    }
  return bs_cli_sign_watched ((const char * const *) files->pdata, &options, signer, NULL);
}
