/* test-batch.c — issue 14, item 3, in Indonesian: the service goes down in
 * the middle of a 120-document batch. The bar shows what was signed; one
 * summary says how many and why the others failed, in words; each
 * document is marked; "Coba lagi yang gagal" signs only the failed ones,
 * and nothing is signed twice. Also: closing the dialog while it signs
 * stops the batch first, and what was signed stays marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"

#include "bs-sign-dialog.h"
#include "bs-sign-outcome.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

/* Over one request's 100 hashes: the second request is the one the dead
 * service cannot answer. */
#define N_DOCUMENTS 120
#define PER_REQUEST 100

static char **
make_documents (DsHarness *h, int n)
{
  char **paths = g_new0 (char *, n + 1);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("surat-%03d.pdf", i + 1);
      paths[i] = ui_make_pdf (h, name);
    }
  return paths;
}

static GPtrArray *
all_documents (BsWindow *window)
{
  GPtrArray *docs = g_ptr_array_new ();

  for (guint i = 0; i < ui_n_documents (window); i++)
    g_ptr_array_add (docs, ui_document (window, i));
  return docs;
}

static guint
files_in (const char *dir, gboolean *copies)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  *copies = FALSE;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      n++;
      /* "name_signed (2).pdf": a document signed twice. */
      if (strstr (name, "(2)") != NULL)
        *copies = TRUE;
    }
  return n;
}

typedef struct {
  DsHarness *h;
  gboolean   stopped;
} Killer;

/* The first document signed: the service goes away (the hundred of the
 * first request are signed, the rest are not). */
static void
on_first_signed (BsAppDocument *doc, GParamSpec *pspec, Killer *k)
{
  if (k->stopped || bs_app_document_get_state (doc) != BS_DOC_SIGNED)
    return;
  k->stopped = TRUE;
  ds_harness_stop (k->h, SIGTERM);
}

static void
server_killed_mid_batch (BsWindow *window, DsHarness *h)
{
  g_auto(GStrv) paths = make_documents (h, N_DOCUMENTS);
  g_autofree char *out = g_build_filename (h->root, "signed", NULL);
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *list_text = NULL;
  Killer killer = { h, FALSE };
  GtkWidget *dialog;
  guint n_signed, n_failed;
  gboolean copies;
  gulong handler;

  ui_log_in (window, h);
  ui_drop (window, paths, N_DOCUMENTS);
  g_assert_cmpuint (ui_n_documents (window), ==, N_DOCUMENTS);
  docs = all_documents (window);
  handler = g_signal_connect (g_ptr_array_index (docs, 0), "notify::state", G_CALLBACK (on_first_signed), &killer);
  dialog = ui_start_signing (window);
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  g_signal_handler_disconnect (g_ptr_array_index (docs, 0), handler);
  g_assert_true (killer.stopped);

  bs_sign_count (docs, &n_signed, &n_failed);
  g_assert_cmpuint (n_signed, ==, PER_REQUEST);
  g_assert_cmpuint (n_failed, ==, N_DOCUMENTS - PER_REQUEST);
  /* One summary, in words. */
  summary = ui_wait_string (dialog, "summary");
  expected = g_strdup_printf ("%u ditandatangani, %u gagal: layanan tidak dapat dihubungi", n_signed, n_failed);
  g_assert_cmpstr (summary, ==, expected);
  /* The bar shows what was signed, not what was tried. */
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (ui_child (dialog, "progress")),
                                  (double) PER_REQUEST / N_DOCUMENTS, 1e-6);
  /* Each document marked, and no transport English anywhere. */
  for (guint i = 0; i < docs->len; i++)
    {
      BsAppDocument *doc = g_ptr_array_index (docs, i);
      if (bs_app_document_get_state (doc) == BS_DOC_FAILED)
        g_assert_cmpstr (bs_app_document_get_failure (doc), ==, "layanan tidak dapat dihubungi");
    }
  list_text = ui_text (ui_child (ui_page (window, "documents"), "list"));
  g_assert_nonnull (strstr (list_text, "Ditandatangani: surat-001_signed.pdf"));
  g_assert_nonnull (strstr (list_text, "Tidak ditandatangani: layanan tidak dapat dihubungi"));
  g_assert_null (strstr (list_text, "Cannot reach"));
  g_assert_null (strstr (list_text, "Couldn't connect"));
  ui_screenshot (dialog, "32-batch-service-down");
  {
    /* The list, scrolled to where the signed ones end. */
    GtkWidget *list = ui_child (ui_page (window, "documents"), "list");
    GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), PER_REQUEST - 3));
    graphene_point_t p;

    g_assert_true (gtk_widget_compute_point (row, list, &GRAPHENE_POINT_INIT (0, 0), &p));
    gtk_adjustment_set_value (adj, p.y);
    ui_screenshot (GTK_WIDGET (window), "32a-batch-documents-failed-marked");
  }
  g_assert_true (ui_action_enabled (dialog, "sign.retry-failed"));

  /* The service is back: only the failed ones, with the passphrase again. */
  ds_harness_restart (h);
  ui_activate (dialog, "sign.retry-failed", NULL);
  g_assert_cmpuint (ui_get_uint (dialog, "n-documents"), ==, N_DOCUMENTS - PER_REQUEST);
  ui_screenshot (dialog, "32b-batch-retry-failed");
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  g_free (summary);
  summary = ui_wait_string (dialog, "summary");
  g_free (expected);
  expected = g_strdup_printf ("%u ditandatangani", N_DOCUMENTS - PER_REQUEST);
  g_assert_cmpstr (summary, ==, expected);
  bs_sign_count (docs, &n_signed, &n_failed);
  g_assert_cmpuint (n_signed, ==, N_DOCUMENTS);
  g_assert_cmpuint (n_failed, ==, 0);
  /* Each signed once: 120 files, no "(2)" copy. */
  g_assert_cmpuint (files_in (out, &copies), ==, N_DOCUMENTS);
  g_assert_false (copies);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_screenshot (GTK_WIDGET (window), "32c-batch-documents-marked");
  /* Nothing left to sign: "Tanda Tangan" is off. */
  g_assert_false (ui_action_enabled (ui_page (window, "documents"), "documents.sign"));
  for (guint i = 0; i < docs->len; i++)
    g_assert_cmpint (ui_verify_with_cli (h, bs_app_document_get_output (g_ptr_array_index (docs, i))), ==, 0);
}

static gboolean
gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The first document signed: the person closes the dialog. */
static void
on_first_signed_close (BsAppDocument *doc, GParamSpec *pspec, GtkWidget **dialog)
{
  if (*dialog == NULL || bs_app_document_get_state (doc) != BS_DOC_SIGNED)
    return;
  ui_activate (*dialog, "window.close", NULL);
  /* It stays until the batch has stopped. */
  g_assert_nonnull (*dialog);
  g_assert_true (gtk_widget_get_visible (*dialog));
  g_assert_true (ui_get_bool (*dialog, "busy"));
}

static void
close_while_signing (BsWindow *window, DsHarness *h)
{
  g_auto(GStrv) paths = make_documents (h, 60);
  g_autofree char *out = g_build_filename (h->root, "signed", NULL);
  g_autoptr(GPtrArray) docs = NULL;
  GtkWidget *dialog;
  gpointer watch;
  guint n_signed, n_failed;
  gboolean copies;
  gulong handler;

  ui_log_in (window, h);
  ui_drop (window, paths, 60);
  docs = all_documents (window);
  dialog = ui_start_signing (window);
  watch = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &watch);
  ui_type (dialog, "secret", ds_harness_account (h, "passphrase"));
  ui_activate (dialog, "sign.start", NULL);
  g_assert_true (ui_get_bool (dialog, "busy"));
  handler = g_signal_connect (g_ptr_array_index (docs, 0), "notify::state", G_CALLBACK (on_first_signed_close),
                              &watch);
  ui_wait (gone, &watch, "the dialog to close once stopped");
  g_signal_handler_disconnect (g_ptr_array_index (docs, 0), handler);
  /* What was signed is marked; the rest is still to sign, not failed. */
  bs_sign_count (docs, &n_signed, &n_failed);
  g_test_message ("%u signed before the batch stopped", n_signed);
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_cmpuint (n_signed, >=, 1);
  g_assert_cmpuint (files_in (out, &copies), ==, n_signed);
  for (guint i = 0; i < docs->len; i++)
    {
      BsAppDocument *doc = g_ptr_array_index (docs, i);
      if (bs_app_document_get_state (doc) == BS_DOC_SIGNED)
        g_assert_true (g_file_test (bs_app_document_get_output (doc), G_FILE_TEST_IS_REGULAR));
    }
  if (n_signed < docs->len)
    g_assert_true (ui_action_enabled (ui_page (window, "documents"), "documents.sign"));
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/batch/server-killed-mid-batch", server_killed_mid_batch);
  ui_add ("/batch/close-while-signing", close_while_signing);
  return g_test_run ();
}
