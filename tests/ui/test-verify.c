/* test-verify.c — issue 14, items 5, 8 and 9 (online revocation), in
 * Indonesian: a damaged file after a good one; the structured Detail of a
 * valid and of a broken signature, with the certificate chain; the
 * revocation checked online, before and after the certificate is revoked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"
#include "bs-test-util.h"

#include "bs-certificate-chain.h"
#include "bs-certificate-dialog.h"
#include "bs-page-view.h"
#include "bs-sign-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

/* A signer certificate file of our own (tests/core) and its root, trusted
 * by the window; @pdf signed with it, time-stamped by the dev server. */
static char *
sign_with_cli (BsWindow *window, DsHarness *h, const char *pdf)
{
  g_autofree char *ids = g_build_filename (h->root, "ids", NULL);
  g_autofree char *p12 = g_build_filename (ids, "signer.p12", NULL);
  g_autofree char *root = g_build_filename (ids, "root.pem", NULL);
  g_autofree char *out = g_build_filename (h->root, "cli-out", NULL);
  g_autofree char *tsa = g_strconcat (h->base_url, "/tsa", NULL);
  g_autofree char *stem = g_path_get_basename (pdf);
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "sign", "--p12", p12, "--level", "B-T", "--tsa", tsa,
                         "--reason", "Menyetujui isi surat", "--location", "Jakarta", "--output-dir", out, pdf, NULL };

  if (!g_file_test (p12, G_FILE_TEST_EXISTS))
    {
      g_mkdir_with_parents (ids, 0700);
      bs_test_make_identities (ids);
      bs_app_context_add_trust (bs_window_get_context (window), root);
    }
  g_setenv ("BESIGN_PASSPHRASE", "test-pass", TRUE);
  g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  g_unsetenv ("BESIGN_PASSPHRASE");
  *strrchr (stem, '.') = '\0';
  return g_strdup_printf ("%s/%s_signed.pdf", out, stem);
}

/* The same file with one byte of its signed content changed (the
 * producer's version in its document information). */
static char *
tampered_copy (DsHarness *h, const char *signed_pdf)
{
  g_autofree char *data = NULL;
  char *path = g_build_filename (h->root, "diubah.pdf", NULL);
  char *at;
  gsize len;

  g_assert_true (g_file_get_contents (signed_pdf, &data, &len, NULL));
  at = memmem (data, len, "Ghostscript 10.00.0", strlen ("Ghostscript 10.00.0"));
  g_assert_nonnull (at);
  at[strlen ("Ghostscript 10.00.")] = '9';
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

static char *
damaged_file (DsHarness *h)
{
  return ds_harness_write (h, "rusak.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n"
                                           "trailer << /Root 1 0 R >>\n%%EOF garbage that is no xref\n");
}

static const char *
tr (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

/* The part of a translated "…: %s" format before its first directive. */
static char *
prefix_of (const char *msgid)
{
  const char *text = tr (msgid);

  return g_strndup (text, strcspn (text, "%"));
}

/* Item 5: nothing of the previous document stays, and one plain sentence
 * in the user's language says why (the parser's words go to Details). */
static void
damaged_after_valid (BsWindow *window, DsHarness *h)
{
  g_autofree char *pdf = ui_make_pdf (h, "surat.pdf");
  g_autofree char *signed_pdf = sign_with_cli (window, h, pdf);
  g_autofree char *bad = damaged_file (h);
  g_autofree char *verdict = ui_verify (window, signed_pdf);
  g_autofree char *failure = NULL;
  g_autofree char *details = NULL;
  GtkWidget *verify = ui_page (window, "verify");
  GtkWidget *view = ui_find (verify, BS_TYPE_PAGE_VIEW);
  GtkWidget *dialog;

  g_assert_cmpstr (verdict, ==, bs_verdict_describe (BS_VERDICT_VALID));
  ui_screenshot (GTK_WIDGET (window), "21a-valid-before-damaged");
  g_free (verdict);
  {
    g_autofree char *uri = g_filename_to_uri (bad, NULL, NULL);
    ui_activate (window, "win.verify-file", "s", uri);
  }
  verdict = ui_wait_string (verify, "verdict");
  failure = ui_wait_string (view, "failure");
  g_assert_cmpstr (verdict, ==, bs_verdict_describe (BS_VERDICT_ERROR));
  g_assert_cmpstr (verdict, ==, "Berkas bukan PDF yang dapat dibaca");
  g_assert_cmpstr (failure, ==, tr ("This document cannot be shown: it is damaged or not a PDF"));
  /* No page of the valid document is left on screen. */
  g_assert_cmpint (ui_get_uint (view, "n-pages"), ==, 0);
  g_assert_null (ui_find (view, GTK_TYPE_PICTURE));
  ui_screenshot (GTK_WIDGET (window), "21-damaged-after-valid");
  dialog = ui_open_details (window);
  details = ui_text (dialog);
  g_assert_nonnull (strstr (details, tr ("Technical detail")));
  ui_screenshot (dialog, "21b-damaged-details");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* No English word of the old dump is left in the facts. */
static void
assert_translated (const char *text)
{
  const char *english[] = { "Integrity", "Trust:", "intact", "broken", "VALID", "INVALID", "Revocation",
                            "not checked", "Changed after signing", "claimed by the signer", NULL };

  for (const char **w = english; *w != NULL; w++)
    if (strstr (text, *w) != NULL)
      g_error ("“%s” is not translated in:\n%s", *w, text);
}

/* Item 8: per signature, what was checked, in words. */
static void
details_structured (BsWindow *window, DsHarness *h)
{
  g_autofree char *pdf = ui_make_pdf (h, "surat.pdf");
  g_autofree char *signed_pdf = sign_with_cli (window, h, pdf);
  g_autofree char *broken = tampered_copy (h, signed_pdf);
  g_autofree char *verdict = ui_verify (window, signed_pdf);
  g_autofree char *text = NULL;
  g_autofree char *chain_text = NULL;
  g_autofree char *revoked_prefix = prefix_of ("Broken: %s");
  GtkWidget *dialog, *chain;

  g_assert_cmpstr (verdict, ==, bs_verdict_describe (BS_VERDICT_VALID));
  dialog = ui_open_details (window);
  text = ui_text (dialog);
  g_test_message ("%s", text);
  assert_translated (text);
  g_assert_nonnull (strstr (text, tr ("Valid")));
  g_assert_nonnull (strstr (text, tr ("Intact: the signed content is unchanged and the signature value verifies")));
  g_assert_nonnull (strstr (text, tr ("Trusted: the certificate was issued by a trusted authority and was usable at "
                                      "the signing time")));
  /* The time and what proves it: the dev server's time-stamp. */
  {
    g_autofree char *proven = g_strndup (strstr (tr ("%s, proven by a time-stamp of %s"), ","),
                                         strcspn (strstr (tr ("%s, proven by a time-stamp of %s"), ","), "%"));
    g_assert_nonnull (strstr (text, proven));
  }
  g_assert_nonnull (strstr (text, "Menyetujui isi surat"));
  g_assert_nonnull (strstr (text, "Jakarta"));
  g_assert_nonnull (strstr (text, "PAdES-BASELINE-T"));
  ui_screenshot (dialog, "22-details-valid");
  ui_activate (dialog, "details.chain", "u", 0);
  chain = ui_wait_window (BS_TYPE_CERTIFICATE_CHAIN);
  chain_text = ui_text (chain);
  g_assert_nonnull (strstr (chain_text, tr ("Signer's certificate")));
  g_assert_nonnull (strstr (chain_text, tr ("SHA-256 fingerprint")));
  g_assert_nonnull (strstr (chain_text, tr ("digital signature")));
  g_assert_null (strstr (chain_text, "digitalSignature"));
  g_assert_null (strstr (chain_text, "crlSign"));
  ui_screenshot (chain, "22b-certificate-chain");
  gtk_window_destroy (GTK_WINDOW (chain));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A broken signature is never called intact. */
  g_free (verdict);
  verdict = ui_verify (window, broken);
  g_assert_cmpstr (verdict, ==, bs_verdict_describe (BS_VERDICT_INVALID));
  dialog = ui_open_details (window);
  g_free (text);
  text = ui_text (dialog);
  g_test_message ("%s", text);
  assert_translated (text);
  g_assert_null (strstr (text, tr ("Intact: the signed content is unchanged and the signature value verifies")));
  g_assert_nonnull (strstr (text, revoked_prefix));
  ui_screenshot (dialog, "22c-details-broken");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static char *
revocation_line (BsWindow *window)
{
  GtkWidget *dialog = ui_open_details (window);
  g_autofree char *text = ui_text (dialog);
  const char *label = strstr (text, tr ("Revocation"));
  char *line;

  g_assert_nonnull (label);
  label = strchr (label, '\n') + 1;
  line = g_strndup (label, strcspn (label, "\n"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  return line;
}

static void
verify_online (BsWindow *window, gboolean online)
{
  GtkWidget *verify = ui_page (window, "verify");
  g_autofree char *verdict = NULL;

  /* What a click on the check button does. */
  if (ui_get_bool (verify, "online") != online)
    ui_activate (verify, "verify.online", NULL);
  g_assert_true (ui_get_bool (verify, "online") == online);
  g_assert_true (gtk_check_button_get_active (ui_child (verify, "online")) == online);
  ui_wait_bool (verify, "busy", FALSE);
  verdict = ui_wait_string (verify, "verdict");
}

/* Item 9: "Check revocation online" asks the certificate's OCSP service,
 * and the Detail says what it answered. */
static void
online_revocation (BsWindow *window, DsHarness *h)
{
  g_autofree char *pdf = ui_make_pdf (h, "nota.pdf");
  char *paths[] = { pdf };
  g_autofree char *offline = NULL, *good = NULL, *revoked = NULL, *output = NULL;
  g_autofree char *not_revoked = prefix_of ("not revoked (%s)");
  g_autofree char *revoked_prefix = prefix_of ("Revoked: %s");
  GtkWidget *dialog, *cert;
  g_autofree char *verdict = NULL;

  ui_log_in (window, h);
  ui_drop (window, paths, 1);
  dialog = ui_start_signing (window);
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  output = g_strdup (bs_app_document_get_output (ui_document (window, 0)));
  gtk_window_destroy (GTK_WINDOW (dialog));

  verdict = ui_verify (window, output);
  /* Offline, a B-T signature whose certificate names an OCSP responder
   * cannot be decided (EN 319 102-1 TRY_LATER): its own banner. */
  g_assert_cmpstr (verdict, ==, bs_verdict_describe (BS_VERDICT_INDETERMINATE));
  ui_screenshot (GTK_WIDGET (window), "23a-indeterminate-offline");
  offline = revocation_line (window);
  g_assert_cmpstr (offline, ==, tr ("Unknown: the document carries no revocation data; check the revocation online"));
  verify_online (window, TRUE);
  good = revocation_line (window);
  g_test_message ("online: %s", good);
  g_assert_true (g_str_has_prefix (good, not_revoked));
  /* It was the dev server's responder that answered. */
  {
    g_autofree char *logs = ds_harness_logs (h);
    g_assert_nonnull (strstr (logs, "/ocsp"));
  }
  ui_screenshot (GTK_WIDGET (window), "23-online-revocation");

  ui_activate (window, "win.certificate", "i", BS_CERT_REVOKE);
  cert = ui_wait_window (BS_TYPE_CERTIFICATE_DIALOG);
  ui_type (cert, "current", ds_harness_account (h, "passphrase"));
  gtk_check_button_set_active (ui_child (cert, "agree"), TRUE);
  ui_activate (cert, "cert.submit", NULL);
  ui_wait_bool (cert, "succeeded", TRUE);
  gtk_window_destroy (GTK_WINDOW (cert));
  verify_online (window, FALSE);
  verify_online (window, TRUE);
  revoked = revocation_line (window);
  g_test_message ("after revocation: %s", revoked);
  g_assert_true (g_str_has_prefix (revoked, revoked_prefix));
  /* The verifier's technical words, said in the user's. */
  g_assert_null (strstr (revoked, "unspecified"));
  g_assert_null (strstr (revoked, "(online)"));
  dialog = ui_open_details (window);
  ui_screenshot (dialog, "23b-online-revoked-details");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/verify/damaged-after-valid", damaged_after_valid);
  ui_add ("/verify/details-structured", details_structured);
  ui_add ("/verify/online-revocation", online_revocation);
  return g_test_run ();
}
