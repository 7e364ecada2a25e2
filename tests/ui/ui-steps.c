/* ui-steps.c — see ui-steps.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-steps.h"
#include "bs-page-view.h"
#include "bs-sign-dialog.h"

#include <string.h>

gboolean
ui_get_bool (gpointer object, const char *name)
{
  gboolean value = FALSE;

  g_object_get (object, name, &value, NULL);
  return value;
}

guint
ui_get_uint (gpointer object, const char *name)
{
  guint value = 0;

  g_object_get (object, name, &value, NULL);
  return value;
}

typedef struct {
  gpointer    object;
  const char *name;
} PropWait;

static gboolean
object_set (gpointer data)
{
  PropWait *w = data;
  g_autoptr(GObject) value = NULL;

  g_object_get (w->object, w->name, &value, NULL);
  return value != NULL;
}

gpointer
ui_wait_object (gpointer object, const char *name)
{
  PropWait w = { object, name };
  g_autoptr(GObject) value = NULL;

  ui_wait (object_set, &w, name);
  g_object_get (object, name, &value, NULL);
  return value;
}

static GListModel *
documents (BsWindow *window)
{
  g_autoptr(GListModel) model = NULL;

  g_object_get (ui_page (window, "documents"), "documents", &model, NULL);
  return model;
}

guint
ui_n_documents (BsWindow *window)
{
  return g_list_model_get_n_items (documents (window));
}

BsAppDocument *
ui_document (BsWindow *window, guint index)
{
  g_autoptr(BsAppDocument) doc = g_list_model_get_item (documents (window), index);

  g_assert_nonnull (doc);
  return doc;
}

void
ui_select_document (BsWindow *window, guint index)
{
  GtkListBox *list = ui_child (ui_page (window, "documents"), "list");

  gtk_list_box_unselect_all (list);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, (int) index));
  ui_wait_rendered (window);
}

void
ui_set_visible (BsWindow *window, gboolean visible)
{
  gtk_drop_down_set_selected (ui_child (ui_page (window, "documents"), "visualisation"), visible ? 1 : 0);
  ui_settle ();
}

void
ui_place (BsAppDocument *doc, const BsDisplayRect *rect)
{
  bs_app_document_set_rect (doc, rect);
  ui_settle ();
}

GtkWidget *
ui_documents_view (BsWindow *window)
{
  return ui_find (ui_page (window, "documents"), BS_TYPE_PAGE_VIEW);
}

void
ui_wait_rendered (BsWindow *window)
{
  ui_wait_bool (ui_documents_view (window), "rendered", TRUE);
}

static gboolean
views_rendered (gpointer root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (BS_IS_PAGE_VIEW (child) ? !bs_page_view_is_rendered (BS_PAGE_VIEW (child)) : !views_rendered (child))
      return FALSE;
  return TRUE;
}

void
ui_wait_views (GtkWidget *root)
{
  ui_wait (views_rendered, root, "the pages");
}

GtkWidget *
ui_start_signing (BsWindow *window)
{
  ui_activate (ui_page (window, "documents"), "documents.sign", NULL);
  return ui_wait_window (BS_TYPE_SIGN_DIALOG);
}

void
ui_sign (GtkWidget *dialog, const char *secret)
{
  ui_type (dialog, "secret", secret);
  ui_activate (dialog, "sign.start", NULL);
  ui_wait_bool (dialog, "done", TRUE);
}

char *
ui_verify (BsWindow *window, const char *path)
{
  GtkWidget *verify = ui_page (window, "verify");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  char *verdict;

  ui_activate (window, "win.verify-file", "s", uri);
  ui_wait_page (window, "verify");
  verdict = ui_wait_string (verify, "verdict");
  ui_wait_views (verify);
  return verdict;
}

GtkWidget *
ui_open_details (BsWindow *window)
{
  GtkWidget *verify = ui_page (window, "verify");

  ui_activate (verify, "verify.details", NULL);
  return ui_wait_object (verify, "details-window");
}

guint32
ui_rendered_pixel (DsHarness *h, const char *pdf, int x, int y)
{
  g_autofree char *prefix = g_build_filename (h->root, "render", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-singlefile", pdf, prefix, NULL };
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *all = NULL;
  int w, hh;
  guint8 *px;

  g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  texture = gdk_texture_new_from_filename (png, NULL);
  g_assert_nonnull (texture);
  w = gdk_texture_get_width (texture);
  hh = gdk_texture_get_height (texture);
  g_assert_cmpint (x, <, w);
  g_assert_cmpint (y, <, hh);
  all = g_malloc ((gsize) w * hh * 4);
  gdk_texture_download (texture, all, (gsize) w * 4);
  px = all + ((gsize) y * w + x) * 4;
  /* gdk_texture_download gives B, G, R, A on little-endian. */
  return ((guint32) px[2] << 16) | ((guint32) px[1] << 8) | px[0];
}
