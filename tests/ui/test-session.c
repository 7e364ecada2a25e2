/* test-session.c — issue 14, item 9 (logout), in Indonesian: logging out
 * leaves nothing of the user's on screen — the documents listed, the
 * document verified — while a session that merely expired keeps the
 * documents for after the next login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"

#include "bs-page-view.h"
#include "bs-sign-dialog.h"

#include <string.h>

static void
logout_forgets_documents (BsWindow *window, DsHarness *h)
{
  g_autofree char *a = ui_make_pdf (h, "rahasia-1.pdf");
  g_autofree char *b = ui_make_pdf (h, "rahasia-2.pdf");
  char *paths[] = { a, b };
  GtkWidget *verify = ui_page (window, "verify");
  g_autofree char *verdict = NULL;
  g_autofree char *text = NULL;

  ui_log_in (window, h);
  ui_drop (window, paths, 2);
  g_assert_cmpuint (ui_n_documents (window), ==, 2);
  verdict = ui_verify (window, a);
  ui_activate (window, "win.logout", NULL);
  ui_wait_page (window, "welcome");
  g_assert_cmpuint (ui_n_documents (window), ==, 0);
  {
    g_autofree char *shown = NULL;
    g_object_get (verify, "verdict", &shown, NULL);
    g_assert_null (shown);
  }
  g_assert_null (ui_find (ui_find (verify, BS_TYPE_PAGE_VIEW), GTK_TYPE_PICTURE));
  /* The next user logs in to an empty list. */
  ui_log_in (window, h);
  g_assert_cmpuint (ui_n_documents (window), ==, 0);
  text = ui_text (ui_page (window, "documents"));
  g_assert_null (strstr (text, "rahasia"));
  ui_screenshot (GTK_WIDGET (window), "34-after-logout-login");
}

static void
expired_session_keeps_documents (BsWindow *window, DsHarness *h)
{
  g_autofree char *a = ui_make_pdf (h, "nota-dinas.pdf");
  char *paths[] = { a };
  GtkWidget *dialog;
  g_autofree char *message = NULL;

  ui_log_in (window, h);
  ui_drop (window, paths, 1);
  /* The service forgets the session (time passing, an administrator). */
  g_free (ds_harness_sql (h, "DELETE FROM tokens WHERE kind = 'access'"));
  dialog = ui_start_signing (window);
  ui_type (dialog, "secret", ds_harness_account (h, "passphrase"));
  ui_activate (dialog, "sign.start", NULL);
  ui_wait_bool (dialog, "busy", FALSE);
  message = ui_wait_string (dialog, "message");
  g_test_message ("%s", message);
  /* Nothing signed, nothing marked failed: the document waits for the
   * next login. */
  g_assert_false (ui_get_bool (dialog, "done"));
  g_assert_cmpint (bs_app_document_get_state (ui_document (window, 0)), ==, BS_DOC_PENDING);
  g_assert_nonnull (strstr (message, "sesi telah berakhir"));
  ui_screenshot (dialog, "35-session-expired");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_wait_page (window, "login");
  ui_log_in (window, h);
  g_assert_cmpuint (ui_n_documents (window), ==, 1);
  dialog = ui_start_signing (window);
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  g_assert_cmpint (bs_app_document_get_state (ui_document (window, 0)), ==, BS_DOC_SIGNED);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/session/logout-forgets-documents", logout_forgets_documents);
  ui_add ("/session/expired-session-keeps-documents", expired_session_keeps_documents);
  return g_test_run ();
}
