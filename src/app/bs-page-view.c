/* bs-page-view.c — see bs-page-view.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-page-view.h"
#include "bs-core-task.h"
#include "bs-error.h"
#include "bs-page-strip.h"

#include <glib/gi18n.h>
#include <poppler.h>

#define MIN_SCALE 0.25
#define MAX_SCALE 4.0

struct _BsPageView {
  GtkBox        parent_instance;

  GtkWidget    *toolbar;
  GtkWidget    *scroller;
  GtkLabel     *page_label;
  GtkWidget    *prev, *next;
  GtkWidget    *strips;     /* the page, as horizontal strips (see draw_page) */
  GtkFixed     *overlay;
  GtkWidget    *failure;    /* shown instead of a page that cannot be */
  char         *path;
  BsSecret     *password;   /* opens @path, or NULL */
  int           page;
  int           n_pages;
  double        scale;
  gboolean      fit_page;
  int           fitted_width, fitted_height;  /* the space the last fit used */
  guint         refit;                        /* idle source */
  double        width_pt, height_pt;
  gboolean      rendered;
  GCancellable *render;
};

enum { SIGNAL_RENDERED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_PAGE, PROP_N_PAGES, PROP_RENDERED, PROP_FAILURE, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsPageView, bs_page_view, GTK_TYPE_BOX)

typedef struct {
  char       *path;
  BsSecret   *password;
  int         page;
  double      scale;          /* < 0: the whole page in @fit_width × @fit_height */
  int         fit_width;
  int         fit_height;
} Render;

typedef struct {
  int         page;
  int         n_pages;
  double      width_pt, height_pt, used_scale;
  GPtrArray  *strips;        /* GdkPaintable, top to bottom */
  int         pixel_width, pixel_height;
} Rendered;

static void
render_free (Render *r)
{
  g_free (r->path);
  bs_secret_free (r->password);
  g_free (r);
}

/* Each task owns a copy: the view may drop its own meanwhile. */
static BsSecret *
copy_secret (const BsSecret *secret)
{
  return secret ? bs_secret_new (bs_secret_get (secret), bs_secret_get_length (secret)) : NULL;
}

static void
rendered_free (Rendered *r)
{
  g_clear_pointer (&r->strips, g_ptr_array_unref);
  g_free (r);
}

/* Draws @page at @scale pixels per point into strips of STRIP rows: GTK
 * then paints only the strips in view, so a zoomed page scrolls without
 * converting the whole page on every frame. */
#define STRIP 256

static void
draw_page (Rendered *out, PopplerPage *page)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         MAX ((int) (out->width_pt * out->used_scale), 1),
                                                         MAX ((int) (out->height_pt * out->used_scale), 1));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, out->used_scale, out->used_scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  out->pixel_width = cairo_image_surface_get_width (surface);
  out->pixel_height = cairo_image_surface_get_height (surface);
  out->strips = g_ptr_array_new_with_free_func (g_object_unref);
  for (int top = 0; top < out->pixel_height; top += STRIP)
    g_ptr_array_add (out->strips, bs_page_strip_new (surface, top, MIN (STRIP, out->pixel_height - top)));
  cairo_surface_destroy (surface);
}

static void
set_unshowable (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("This document cannot be shown: it is damaged or not a PDF"));
}

/* A password-protected document that did not open is said so, as
 * BS_ERROR_ENCRYPTED, so that the page can ask for its password. */
static PopplerDocument *
open_document (const char *path, const BsSecret *password, GError **error)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) local = NULL;
  PopplerDocument *doc = uri ? poppler_document_new_from_file (uri, password ? bs_secret_get (password) : NULL,
                                                               &local) : NULL;

  if (doc == NULL && g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error_literal (error, BS_ERROR, BS_ERROR_ENCRYPTED,
                         password ? _("This document does not open with the password given")
                                  : _("This document is protected by a password"));
  else if (doc == NULL)
    set_unshowable (error);
  return doc;
}

/* On a worker: Poppler objects never cross threads. */
static gpointer
render_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  Render *r = input;
  PopplerDocument *doc = open_document (r->path, r->password, error);
  PopplerPage *page;
  Rendered *out;

  if (doc == NULL)
    return NULL;
  out = g_new0 (Rendered, 1);
  out->n_pages = poppler_document_get_n_pages (doc);
  out->page = CLAMP (r->page, 1, MAX (out->n_pages, 1));
  /* Poppler wants an index it has (a broken file may have no page). */
  page = out->n_pages > 0 ? poppler_document_get_page (doc, out->page - 1) : NULL;
  if (page == NULL)
    {
      g_free (out);
      g_object_unref (doc);
      set_unshowable (error);
      return NULL;
    }
  poppler_page_get_size (page, &out->width_pt, &out->height_pt);
  out->used_scale = r->scale > 0 ? r->scale
                    : CLAMP (MIN ((r->fit_width - 24) / out->width_pt, (r->fit_height - 24) / out->height_pt),
                             MIN_SCALE, MAX_SCALE);
  draw_page (out, page);
  g_object_unref (page);
  g_object_unref (doc);
  return out;
}

static const BsCoreCall render_spec = {
  render_call, (GDestroyNotify) render_free, (GDestroyNotify) rendered_free, NULL, NULL, FALSE,
};

static void
show_strips (BsPageView *self, GPtrArray *strips)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->strips)) != NULL)
    gtk_box_remove (GTK_BOX (self->strips), child);
  for (guint i = 0; strips != NULL && i < strips->len; i++)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (g_ptr_array_index (strips, i));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      gtk_box_append (GTK_BOX (self->strips), picture);
    }
}

static void
set_rendered (BsPageView *self, gboolean rendered)
{
  if (self->rendered == rendered)
    return;
  self->rendered = rendered;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RENDERED]);
}

/* Nothing of the previous document stays on screen. */
static void
show_failure (BsPageView *self, const char *message)
{
  show_strips (self, NULL);
  gtk_widget_set_size_request (GTK_WIDGET (self->overlay), -1, -1);
  gtk_label_set_text (GTK_LABEL (self->failure), message ? message : "");
  gtk_widget_set_visible (self->failure, message != NULL);
  gtk_widget_set_visible (self->toolbar, message == NULL && self->path != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FAILURE]);
}

static void
show_rendered (BsPageView *self, Rendered *r)
{
  g_autofree char *label = g_strdup_printf (_("Page %d of %d"), r->page, r->n_pages);

  self->n_pages = r->n_pages;
  self->page = r->page;
  self->scale = r->used_scale;
  self->width_pt = r->width_pt;
  self->height_pt = r->height_pt;
  show_failure (self, NULL);
  show_strips (self, r->strips);
  gtk_widget_set_size_request (GTK_WIDGET (self->overlay), r->pixel_width, r->pixel_height);
  gtk_label_set_text (self->page_label, label);
  gtk_widget_set_sensitive (self->prev, self->page > 1);
  gtk_widget_set_sensitive (self->next, self->page < self->n_pages);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_PAGES]);
  set_rendered (self, TRUE);
  g_signal_emit (self, signals[SIGNAL_RENDERED], 0);
}

static void
on_rendered (GObject *source, GAsyncResult *result, gpointer data)
{
  BsPageView *self = BS_PAGE_VIEW (source);
  g_autoptr(GError) error = NULL;
  Rendered *r = bs_core_task_finish (result, &error);

  if (r != NULL)
    {
      show_rendered (self, r);
      rendered_free (r);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->n_pages = 0;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_PAGES]);
      show_failure (self, error->message);
    }
}

static void
render (BsPageView *self)
{
  Render *r;

  g_cancellable_cancel (self->render);
  g_clear_object (&self->render);
  set_rendered (self, FALSE);
  if (self->path == NULL)
    {
      show_failure (self, NULL);
      show_strips (self, NULL);
      gtk_label_set_text (self->page_label, "");
      return;
    }
  /* Not laid out yet: a fit now would be to a made-up size and be drawn
   * again at once; the first allocation renders it (size_allocate). */
  if (self->fit_page && (gtk_widget_get_width (self->scroller) <= 0 || gtk_widget_get_height (self->scroller) <= 0))
    {
      self->fitted_width = self->fitted_height = 0;
      return;
    }
  self->render = g_cancellable_new ();
  r = g_new0 (Render, 1);
  r->path = g_strdup (self->path);
  r->password = copy_secret (self->password);
  r->page = self->page;
  r->scale = self->fit_page ? -1 : self->scale;
  r->fit_width = self->fitted_width = MAX (gtk_widget_get_width (self->scroller), 400);
  r->fit_height = self->fitted_height = MAX (gtk_widget_get_height (self->scroller), 400);
  bs_core_task_run (self, &render_spec, r, NULL, self->render, on_rendered, NULL);
}

void
bs_page_view_set_file (BsPageView *self, const char *path)
{
  bs_page_view_set_file_with_password (self, path, NULL);
}

void
bs_page_view_set_file_with_password (BsPageView *self, const char *path, const BsSecret *password)
{
  g_return_if_fail (BS_IS_PAGE_VIEW (self));

  g_free (self->path);
  self->path = g_strdup (path);
  bs_secret_free (self->password);
  self->password = copy_secret (password);
  self->page = 1;
  self->n_pages = 0;
  self->fit_page = TRUE;
  /* The previous document goes at once, not when the next one is drawn. */
  show_strips (self, NULL);
  gtk_label_set_text (self->page_label, "");
  render (self);
}

void
bs_page_view_set_page (BsPageView *self, int page)
{
  g_return_if_fail (BS_IS_PAGE_VIEW (self));

  self->page = self->n_pages > 0 ? CLAMP (page, 1, self->n_pages) : MAX (page, 1);
  render (self);
}

int bs_page_view_get_page (BsPageView *self) { return self->page; }
int bs_page_view_get_n_pages (BsPageView *self) { return self->n_pages; }
double bs_page_view_get_scale (BsPageView *self) { return self->scale; }
GtkFixed *bs_page_view_get_overlay (BsPageView *self) { return self->overlay; }
gboolean bs_page_view_is_rendered (BsPageView *self) { return self->rendered; }

void
bs_page_view_get_page_size (BsPageView *self, double *width, double *height)
{
  *width = self->width_pt;
  *height = self->height_pt;
}

/* ---- the size of a page, without drawing it ------------------------------- */

typedef struct {
  char     *path;
  BsSecret *password;
  int       page;
} Measure;

static void
measure_free (Measure *m)
{
  g_free (m->path);
  bs_secret_free (m->password);
  g_free (m);
}

static gpointer
measure_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  Measure *m = input;
  PopplerDocument *doc = open_document (m->path, m->password, error);
  PopplerPage *page = doc && m->page <= poppler_document_get_n_pages (doc)
                      ? poppler_document_get_page (doc, m->page - 1) : NULL;
  double *size = NULL;

  if (page != NULL)
    {
      size = g_new0 (double, 2);
      poppler_page_get_size (page, &size[0], &size[1]);
      g_object_unref (page);
    }
  else if (doc != NULL)
    set_unshowable (error);
  g_clear_object (&doc);
  return size;
}

static const BsCoreCall measure_spec = {
  measure_call, (GDestroyNotify) measure_free, g_free, NULL, NULL, FALSE,
};

void
bs_page_view_measure_async (gpointer source, const char *path, const BsSecret *password, int page,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  Measure *m = g_new0 (Measure, 1);

  m->path = g_strdup (path);
  m->password = copy_secret (password);
  m->page = MAX (page, 1);
  bs_core_task_run (source, &measure_spec, m, NULL, cancellable, callback, data);
}

gboolean
bs_page_view_measure_finish (GAsyncResult *result, double *width, double *height, GError **error)
{
  g_autofree double *size = bs_core_task_finish (result, error);

  if (size == NULL)
    return FALSE;
  *width = size[0];
  *height = size[1];
  return TRUE;
}

const char *
bs_page_view_get_measured_path (GAsyncResult *result)
{
  Measure *m = bs_core_task_get_input (result);

  return m ? m->path : NULL;
}

static void
on_prev (BsPageView *self)
{
  bs_page_view_set_page (self, self->page - 1);
}

static void
on_next (BsPageView *self)
{
  bs_page_view_set_page (self, self->page + 1);
}

void
bs_page_view_set_scale (BsPageView *self, double scale)
{
  self->fit_page = FALSE;
  self->scale = CLAMP (scale, MIN_SCALE, MAX_SCALE);
  render (self);
}

static void
zoom (BsPageView *self, double factor)
{
  self->fit_page = FALSE;
  self->scale = CLAMP (self->scale * factor, MIN_SCALE, MAX_SCALE);
  render (self);
}

static void on_zoom_in (BsPageView *self) { zoom (self, 1.25); }
static void on_zoom_out (BsPageView *self) { zoom (self, 0.8); }

static void
on_fit (BsPageView *self)
{
  self->fit_page = TRUE;
  render (self);
}

static GtkWidget *
tool_button (BsPageView *self, const char *icon, const char *label, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (self->toolbar), button);
  return button;
}

static gboolean
refit (gpointer data)
{
  BsPageView *self = data;

  self->refit = 0;
  render (self);
  return G_SOURCE_REMOVE;
}

/* In "whole page" mode a new viewport size means a new scale: render
 * again once the layout has settled. (GtkBox's layout manager allocates
 * it, so the viewport's adjustments are what tell a size change.) */
static void
on_viewport_resized (BsPageView *self)
{
  int w = MAX (gtk_widget_get_width (self->scroller), 400);
  int h = MAX (gtk_widget_get_height (self->scroller), 400);

  if (self->path != NULL && self->fit_page && self->refit == 0
      && (ABS (w - self->fitted_width) > 8 || ABS (h - self->fitted_height) > 8))
    self->refit = g_idle_add (refit, self);
}

/* The viewport's page size is not told when the view is allocated at a
 * size it had before the file arrived (a page shown again): check the
 * fit on every allocation too. */
static void
bs_page_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  GTK_WIDGET_CLASS (bs_page_view_parent_class)->size_allocate (widget, width, height, baseline);
  on_viewport_resized (BS_PAGE_VIEW (widget));
}

static void
bs_page_view_dispose (GObject *object)
{
  BsPageView *self = BS_PAGE_VIEW (object);

  g_clear_handle_id (&self->refit, g_source_remove);
  g_cancellable_cancel (self->render);
  g_clear_object (&self->render);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->password, bs_secret_free);
  G_OBJECT_CLASS (bs_page_view_parent_class)->dispose (object);
}

static void
bs_page_view_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsPageView *self = BS_PAGE_VIEW (object);

  switch (id)
    {
    case PROP_PAGE: g_value_set_int (value, self->page); break;
    case PROP_N_PAGES: g_value_set_int (value, self->n_pages); break;
    case PROP_RENDERED: g_value_set_boolean (value, self->rendered); break;
    case PROP_FAILURE:
      g_value_set_string (value, self->failure && gtk_widget_get_visible (self->failure)
                                 ? gtk_label_get_text (GTK_LABEL (self->failure)) : NULL);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_page_view_class_init (BsPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bs_page_view_dispose;
  object_class->get_property = bs_page_view_get_property;
  GTK_WIDGET_CLASS (klass)->size_allocate = bs_page_view_size_allocate;
  props[PROP_PAGE] = g_param_spec_int ("page", NULL, NULL, 0, G_MAXINT, 1, flags);
  props[PROP_N_PAGES] = g_param_spec_int ("n-pages", NULL, NULL, 0, G_MAXINT, 0, flags);
  props[PROP_RENDERED] = g_param_spec_boolean ("rendered", NULL, NULL, FALSE, flags);
  props[PROP_FAILURE] = g_param_spec_string ("failure", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SIGNAL_RENDERED] = g_signal_new ("rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                           NULL, G_TYPE_NONE, 0);
}

static void
bs_page_view_init (BsPageView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *stack = gtk_overlay_new ();

  self->scroller = scroller;
  self->scale = 1.0;
  self->page = 1;
  self->fit_page = TRUE;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->toolbar, GTK_ALIGN_CENTER);
  self->prev = tool_button (self, "go-previous-symbolic", _("Previous page"), G_CALLBACK (on_prev));
  self->page_label = GTK_LABEL (gtk_label_new (""));
  gtk_box_append (GTK_BOX (self->toolbar), GTK_WIDGET (self->page_label));
  self->next = tool_button (self, "go-next-symbolic", _("Next page"), G_CALLBACK (on_next));
  tool_button (self, "zoom-out-symbolic", _("Zoom out"), G_CALLBACK (on_zoom_out));
  tool_button (self, "zoom-in-symbolic", _("Zoom in"), G_CALLBACK (on_zoom_in));
  tool_button (self, "zoom-fit-best-symbolic", _("Whole page"), G_CALLBACK (on_fit));
  gtk_box_append (GTK_BOX (self), self->toolbar);

  self->strips = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->strips, "page-frame");
  self->overlay = GTK_FIXED (gtk_fixed_new ());
  gtk_overlay_set_child (GTK_OVERLAY (stack), self->strips);
  gtk_overlay_add_overlay (GTK_OVERLAY (stack), GTK_WIDGET (self->overlay));
  gtk_widget_set_halign (stack, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (stack, GTK_ALIGN_START);
  gtk_widget_set_margin_top (stack, 12);
  gtk_widget_set_margin_bottom (stack, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), stack);
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller)), "notify::page-size",
                            G_CALLBACK (on_viewport_resized), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), "notify::page-size",
                            G_CALLBACK (on_viewport_resized), self);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self), scroller);
  self->failure = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->failure), TRUE);
  gtk_widget_add_css_class (self->failure, "dim-label");
  gtk_widget_add_css_class (self->failure, "title-4");
  gtk_widget_set_margin_top (self->failure, 48);
  gtk_widget_set_visible (self->failure, FALSE);
  gtk_box_insert_child_after (GTK_BOX (self), self->failure, self->toolbar);
}

GtkWidget *
bs_page_view_new (void)
{
  return g_object_new (BS_TYPE_PAGE_VIEW, NULL);
}
