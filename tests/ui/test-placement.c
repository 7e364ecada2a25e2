/* test-placement.c — issue 14, item 4, in Indonesian, with the real pointer
 * and keys (XTest): the visible signature's box starts in the free area
 * bottom right above the margin, follows the pointer one to one, moves
 * with the arrow keys, goes to any page (the page field, or a press on
 * another page), and the signed file has the specimen exactly there
 * (pdftoppm's pixels).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"
#include "bs-test-util.h"

#include "bs-page-view.h"
#include "bs-signature-box.h"
#include "bs-sign-dialog.h"

#include <math.h>
#include <string.h>

#define A4_WIDTH 595.0
#define A4_HEIGHT 842.0

static char *
three_pages (DsHarness *h)
{
  g_autofree char *one = ui_make_pdf (h, "satu.pdf");
  char *three = g_build_filename (h->root, "tiga-halaman.pdf", NULL);
  const char *argv[] = { "qpdf", "--empty", "--pages", one, one, one, "--", three, NULL };

  g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  return three;
}

static GtkWidget *
signature_box (BsWindow *window)
{
  return ui_find (ui_page (window, "documents"), BS_TYPE_SIGNATURE_BOX);
}

static void
assert_near (double got, double want, double slack, const char *what)
{
  if (fabs (got - want) > slack)
    g_error ("%s: %.2f, not %.2f (±%.1f)", what, got, want, slack);
}

/* The colour at (@x, @y) points of page @page rendered at 72 dpi. */
static guint32
pixel_at (DsHarness *h, const char *pdf, int page, int x, int y)
{
  g_autofree char *prefix = g_build_filename (h->root, "halaman", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-f", number, "-l", number, "-singlefile", pdf, prefix, NULL };
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *all = NULL;
  int w;
  guint8 *px;

  g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  texture = gdk_texture_new_from_filename (png, NULL);
  w = gdk_texture_get_width (texture);
  all = g_malloc ((gsize) w * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, all, (gsize) w * 4);
  px = all + ((gsize) y * w + x) * 4;
  return ((guint32) px[2] << 16) | ((guint32) px[1] << 8) | px[0];
}

static void
assert_red (guint32 pixel, const char *what)
{
  if ((pixel & 0xff0000) < 0x900000 || (pixel & 0x00ff00) > 0x006000)
    g_error ("%s: #%06x is not the red specimen", what, pixel);
}

static void
assert_white (guint32 pixel, const char *what)
{
  if ((pixel & 0xf0f0f0) != 0xf0f0f0)
    g_error ("%s: #%06x is not the empty page", what, pixel);
}

static void
place_on_any_page (BsWindow *window, DsHarness *h)
{
  g_autofree char *ids = g_build_filename (h->root, "ids", NULL);
  g_autofree char *p12 = g_build_filename (ids, "signer.p12", NULL);
  g_autofree char *png = g_build_filename (h->root, "spesimen.png", NULL);
  g_autofree char *pdf = three_pages (h);
  char *paths[] = { pdf };
  GtkWidget *docs, *box, *view, *dialog;
  BsAppDocument *doc;
  BsDisplayRect start, after;
  double scale;

  g_mkdir_with_parents (ids, 0700);
  bs_test_make_identities (ids);
  bs_test_make_png (png, 300, 100, 0xd01010ff);
  bs_settings_set_string (bs_app_context_get_settings (bs_window_get_context (window)), "specimen", png);
  bs_app_context_use_local_certificate (bs_window_get_context (window), p12);
  ui_wait_page (window, "documents");
  docs = ui_page (window, "documents");
  ui_drop (window, paths, 1);
  ui_wait_rendered (window);
  doc = ui_document (window, 0);
  view = ui_documents_view (window);
  g_assert_cmpint (ui_get_uint (view, "n-pages"), ==, 3);

  /* Visible: it starts bottom right, above the margin, clear of the title. */
  ui_set_visible (window, TRUE);
  box = signature_box (window);
  g_assert_true (gtk_widget_get_visible (box));
  start = *bs_app_document_get_rect (doc);
  g_test_message ("starts at %.0f,%.0f %.0f×%.0f", start.x, start.y, start.width, start.height);
  assert_near (start.x + start.width, A4_WIDTH - 56, 1, "right edge");
  assert_near (start.y + start.height, A4_HEIGHT - 56, 1, "bottom edge");
  g_assert_cmpfloat (start.y, >, A4_HEIGHT / 2);
  ui_screenshot (GTK_WIDGET (window), "33-placement-start");

  /* Dragged with the pointer: it moves exactly as far (1:1). */
  scale = bs_page_view_get_scale (BS_PAGE_VIEW (view));
  ui_drag (box, gtk_widget_get_width (box) / 2.0, gtk_widget_get_height (box) / 2.0, -150, -200, 12);
  after = *bs_app_document_get_rect (doc);
  g_test_message ("scale %.3f; moved by %.1f,%.1f points", scale, after.x - start.x, after.y - start.y);
  assert_near (after.x - start.x, -150 / scale, 1.5, "x after the drag");
  assert_near (after.y - start.y, -200 / scale, 1.5, "y after the drag");
  assert_near (after.width, start.width, 0.01, "width after the drag");
  ui_screenshot (GTK_WIDGET (window), "33b-placement-dragged");

  /* The corner handle resizes, as far as the pointer goes. */
  ui_drag (box, gtk_widget_get_width (box) - 4, gtk_widget_get_height (box) - 4, 60, 30, 6);
  start = after;
  after = *bs_app_document_get_rect (doc);
  assert_near (after.width - start.width, 60 / scale, 1.5, "width after resizing");
  assert_near (after.height - start.height, 30 / scale, 1.5, "height after resizing");
  assert_near (after.x, start.x, 0.01, "x after resizing");

  /* The keyboard: arrows move by 2 points, Shift by 12, Ctrl resizes. */
  start = after;
  g_assert_true (gtk_widget_has_focus (box));
  ui_key (GTK_WIDGET (window), GDK_KEY_Right, 0);
  ui_key (GTK_WIDGET (window), GDK_KEY_Down, GDK_SHIFT_MASK);
  ui_key (GTK_WIDGET (window), GDK_KEY_Left, GDK_CONTROL_MASK);
  after = *bs_app_document_get_rect (doc);
  assert_near (after.x - start.x, 2, 0.01, "x after Right");
  assert_near (after.y - start.y, 12, 0.01, "y after Shift+Down");
  assert_near (after.width - start.width, -2, 0.01, "width after Ctrl+Left");

  /* The page field: page 3, the view follows, the box stays in place. */
  gtk_spin_button_set_value (ui_child (docs, "box_page"), 3);
  ui_wait_rendered (window);
  g_assert_cmpint (bs_app_document_get_page (doc), ==, 3);
  g_assert_cmpint (ui_get_uint (view, "page"), ==, 3);
  g_assert_true (gtk_widget_get_visible (box));
  ui_screenshot (GTK_WIDGET (window), "33c-placement-page-3");

  /* A press on another page puts it there, under the pointer. */
  bs_page_view_set_page (BS_PAGE_VIEW (view), 2);
  ui_wait_rendered (window);
  g_assert_false (gtk_widget_get_visible (box));
  {
    GtkWidget *overlay = GTK_WIDGET (bs_page_view_get_overlay (BS_PAGE_VIEW (view)));
    ui_click (overlay, 300 * scale, 400 * scale);
  }
  g_assert_cmpint (bs_app_document_get_page (doc), ==, 2);
  after = *bs_app_document_get_rect (doc);
  assert_near (after.x + after.width / 2, 300, 1.5, "centre x after the press");
  assert_near (after.y + after.height / 2, 400, 1.5, "centre y after the press");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (ui_child (docs, "box_page")), ==, 2);
  ui_screenshot (GTK_WIDGET (window), "33d-placement-page-2");

  /* Signed: the specimen is there on page 2, and not on page 1. */
  dialog = ui_start_signing (window);
  ui_sign (dialog, "test-pass");
  g_assert_cmpint (bs_app_document_get_state (doc), ==, BS_DOC_SIGNED);
  assert_red (pixel_at (h, bs_app_document_get_output (doc), 2, (int) (after.x + after.width / 2),
                        (int) (after.y + after.height / 2)), "page 2 at the box");
  assert_white (pixel_at (h, bs_app_document_get_output (doc), 1, (int) (after.x + after.width / 2),
                          (int) (after.y + after.height / 2)), "page 1 at the box");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A visible document never shown still gets the default place (its page
 * was measured when it was added). */
static void
unseen_document_placed_by_default (BsWindow *window, DsHarness *h)
{
  g_autofree char *ids = g_build_filename (h->root, "ids", NULL);
  g_autofree char *p12 = g_build_filename (ids, "signer.p12", NULL);
  g_autofree char *png = g_build_filename (h->root, "spesimen.png", NULL);
  g_autofree char *a = ui_make_pdf (h, "pertama.pdf");
  g_autofree char *b = ui_make_pdf (h, "kedua.pdf");
  char *paths[] = { a, b };
  BsSettings *settings = bs_app_context_get_settings (bs_window_get_context (window));
  BsAppDocument *unseen;
  const BsDisplayRect *r;
  GtkWidget *dialog;

  g_mkdir_with_parents (ids, 0700);
  bs_test_make_identities (ids);
  bs_test_make_png (png, 300, 100, 0xd01010ff);
  bs_settings_set_string (settings, "specimen", png);
  bs_settings_set_string (settings, "visualisation", "visible");
  bs_app_context_use_local_certificate (bs_window_get_context (window), p12);
  ui_wait_page (window, "documents");
  ui_drop (window, paths, 2);
  unseen = ui_document (window, 1);
  ui_wait_bool (unseen, "placed", TRUE);
  r = bs_app_document_get_rect (unseen);
  assert_near (r->x + r->width, A4_WIDTH - 56, 1, "unseen right edge");
  dialog = ui_start_signing (window);
  ui_sign (dialog, "test-pass");
  assert_red (pixel_at (h, bs_app_document_get_output (unseen), 1, (int) (r->x + r->width / 2),
                        (int) (r->y + r->height / 2)), "the unseen document at its default box");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/placement/on-any-page", place_on_any_page);
  ui_add ("/placement/unseen-document-default", unseen_document_placed_by_default);
  return g_test_run ();
}
