/* ui-harness.c — see ui-harness.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "bs-locale.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <X11/extensions/XTest.h>
#include <string.h>

typedef struct {
  UiScenario  scenario;
  DsHarness  *h;
} Run;

void
ui_wait (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + UI_TIMEOUT_S * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

typedef struct {
  gpointer    object;
  const char *name;
  gboolean    value;
} BoolWait;

static gboolean
bool_is (gpointer data)
{
  BoolWait *w = data;
  gboolean value = FALSE;

  g_object_get (w->object, w->name, &value, NULL);
  return value == w->value;
}

void
ui_wait_bool (gpointer object, const char *name, gboolean value)
{
  BoolWait w = { object, name, value };
  g_autofree char *what = g_strdup_printf ("%s::%s to be %s", G_OBJECT_TYPE_NAME (object), name,
                                           value ? "TRUE" : "FALSE");

  ui_wait (bool_is, &w, what);
}

static gboolean
string_set (gpointer data)
{
  BoolWait *w = data;
  g_autofree char *value = NULL;

  g_object_get (w->object, w->name, &value, NULL);
  return value != NULL;
}

char *
ui_wait_string (gpointer object, const char *name)
{
  BoolWait w = { object, name, TRUE };
  g_autofree char *what = g_strdup_printf ("%s::%s", G_OBJECT_TYPE_NAME (object), name);
  char *value = NULL;

  ui_wait (string_set, &w, what);
  g_object_get (object, name, &value, NULL);
  return value;
}

void
ui_settle (void)
{
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (4000);
    }
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* A window's paintable draws nothing: its content is what we save. */
void
ui_screenshot (GtkWidget *target, const char *name)
{
  GtkWidget *widget = GTK_IS_WINDOW (target) ? gtk_window_get_child (GTK_WINDOW (target)) : target;
  g_autofree char *dir = g_build_filename (g_getenv ("BESIGN_BUILD_DIR"), "meson-logs", "ui-screenshots", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA bg = { 1, 1, 1, 1 };
  int w, h, left, top;

  ui_settle ();
  ui_wait (has_size, widget, "a drawn widget");
  paintable = gtk_widget_paintable_new (widget);
  /* The child's margins are part of what a person sees. */
  left = gtk_widget_get_margin_start (widget);
  top = gtk_widget_get_margin_top (widget);
  w = gtk_widget_get_width (widget) + left + gtk_widget_get_margin_end (widget);
  h = gtk_widget_get_height (widget) + top + gtk_widget_get_margin_bottom (widget);
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s%s%s.png", dir, g_getenv ("GTK_THEME") ? "dark-" : "",
                          g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "id") ? "id-" : "",
                          name);
  /* The window paints the theme's background behind its content. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (gtk_widget_get_root (widget))),
                                  "theme_bg_color", &bg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (left, top));
  gdk_paintable_snapshot (paintable, snapshot, w - left - gtk_widget_get_margin_end (widget),
                          h - top - gtk_widget_get_margin_bottom (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

GtkWidget *
ui_page (BsWindow *window, const char *name)
{
  GtkStack *pages = ui_child (window, "pages");

  return gtk_stack_get_child_by_name (pages, name);
}

typedef struct {
  BsWindow   *window;
  const char *name;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *w = data;
  g_autofree char *shown = NULL;

  g_object_get (w->window, "page", &shown, NULL);
  return g_strcmp0 (shown, w->name) == 0;
}

void
ui_wait_page (BsWindow *window, const char *name)
{
  PageWait w = { window, name };

  ui_wait (page_is, &w, name);
}

gpointer
ui_child (gpointer widget, const char *name)
{
  /* The child is declared by the type itself or by a parent type. */
  for (GType type = G_OBJECT_TYPE (widget); type != GTK_TYPE_WIDGET; type = g_type_parent (type))
    {
      GObject *child = gtk_widget_get_template_child (widget, type, name);
      if (child != NULL)
        return child;
    }
  g_error ("%s has no template child “%s”", G_OBJECT_TYPE_NAME (widget), name);
  return NULL;
}

void
ui_type (gpointer widget, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_child (widget, name)), text);
}

static GtkWidget *
find_actionable (GtkWidget *root, const char *action)
{
  if (GTK_IS_ACTIONABLE (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* As a person sees it: the button naming the action is greyed out. */
gboolean
ui_action_enabled (gpointer widget, const char *action)
{
  GtkWidget *button = find_actionable (widget, action);

  if (button == NULL)
    g_error ("no button names %s", action);
  return gtk_widget_get_sensitive (button);
}

void
ui_activate (gpointer widget, const char *action, const char *format, ...)
{
  GVariant *param = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      param = g_variant_ref_sink (g_variant_new_va (format, NULL, &args));
      va_end (args);
    }
  g_assert_true (gtk_widget_activate_action_variant (widget, action, param));
  g_clear_pointer (&param, g_variant_unref);
}

typedef struct {
  GType      type;
  GtkWidget *found;
} WindowWait;

static gboolean
window_shown (gpointer data)
{
  WindowWait *w = data;
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  w->found = NULL;
  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, w->type) && gtk_widget_get_visible (l->data))
      w->found = l->data;
  return w->found != NULL;
}

GtkWidget *
ui_wait_window (GType type)
{
  WindowWait w = { type, NULL };

  ui_wait (window_shown, &w, g_type_name (type));
  return w.found;
}

static void
collect_text (GtkWidget *widget, GString *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

char *
ui_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

GtkWidget *
ui_find (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ui_find (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
ui_make_pdf (DsHarness *h, const char *name)
{
  g_autofree char *sample = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  char *path = g_build_filename (h->root, name, NULL);
  g_autofree char *pdf = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (sample, &pdf, &len, NULL));
  g_assert_true (g_file_set_contents (path, pdf, (gssize) len, NULL));
  return path;
}

void
ui_drop (BsWindow *window, char **paths, int n)
{
  GVariantBuilder uris;

  g_variant_builder_init (&uris, G_VARIANT_TYPE_STRING_ARRAY);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *uri = g_filename_to_uri (paths[i], NULL, NULL);
      g_variant_builder_add (&uris, "s", uri);
    }
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open-files",
                                                     g_variant_builder_end (&uris)));
}

static gboolean
can_sign (gpointer data)
{
  return bs_app_context_can_sign (bs_window_get_context (data));
}

void
ui_log_in (BsWindow *window, DsHarness *h)
{
  GtkWidget *login = ui_page (window, "login");
  GtkWidget *otp = ui_page (window, "otp");
  g_autofree char *code = NULL;

  ui_activate (window, "win.show-page", "s", "login");
  ui_wait_page (window, "login");
  ui_type (login, "username", "demo");
  ui_type (login, "password", ds_harness_account (h, "password"));
  ui_activate (login, "login.submit", NULL);
  ui_wait_page (window, "otp");
  ui_wait_bool (otp, "busy", FALSE);
  code = ds_harness_next_code (h);
  ui_type (otp, "code", code);
  ui_activate (otp, "otp.submit", NULL);
  ui_wait (can_sign, window, "the login");
  ui_wait_page (window, "documents");
}

int
ui_verify_with_cli (DsHarness *h, const char *path)
{
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  /* The dev server's signatures name its OCSP; it is running: ask it. */
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--online", "--trust", root, path, NULL };

  return ds_run (argv, NULL, NULL);
}

/* ---- real input (XTest) ---------------------------------------------------- */

static Display *
x_display (GtkWidget *widget)
{
  return gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
}

static void
root_point (GtkWidget *widget, double x, double y, int *rx, int *ry)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t p;
  double sx, sy;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (x_display (widget), gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (x_display (widget)), (int) (p.x + sx), (int) (p.y + sy), rx, ry, &child);
}

static void
flush_input (GtkWidget *widget)
{
  XSync (x_display (widget), False);
  for (int i = 0; i < 10; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (3000);
    }
}

static void
pointer_to (GtkWidget *widget, double x, double y)
{
  int rx, ry;

  root_point (widget, x, y, &rx, &ry);
  XTestFakeMotionEvent (x_display (widget), -1, rx, ry, CurrentTime);
  flush_input (widget);
}

void
ui_drag (GtkWidget *widget, double x, double y, double dx, double dy, int steps)
{
  pointer_to (widget, x, y);
  XTestFakeButtonEvent (x_display (widget), 1, True, CurrentTime);
  flush_input (widget);
  /* Coordinates relative to @widget's place before the drag: the point
   * it was pressed at moves on the screen, not with the widget. */
  {
    int rx0, ry0;
    root_point (widget, x, y, &rx0, &ry0);
    for (int i = 1; i <= steps; i++)
      {
        XTestFakeMotionEvent (x_display (widget), -1, rx0 + (int) (dx * i / steps), ry0 + (int) (dy * i / steps),
                              CurrentTime);
        flush_input (widget);
      }
  }
  XTestFakeButtonEvent (x_display (widget), 1, False, CurrentTime);
  flush_input (widget);
}

static void modifier (Display *dpy, GdkModifierType mods, gboolean press);

void
ui_click_with (GtkWidget *widget, double x, double y, GdkModifierType mods)
{
  pointer_to (widget, x, y);
  modifier (x_display (widget), mods, True);
  XTestFakeButtonEvent (x_display (widget), 1, True, CurrentTime);
  flush_input (widget);
  XTestFakeButtonEvent (x_display (widget), 1, False, CurrentTime);
  modifier (x_display (widget), mods, False);
  flush_input (widget);
}

void
ui_click (GtkWidget *widget, double x, double y)
{
  ui_click_with (widget, x, y, 0);
}

static void
modifier (Display *dpy, GdkModifierType mods, gboolean press)
{
  if (mods & GDK_SHIFT_MASK)
    XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, XK_Shift_L), press, CurrentTime);
  if (mods & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, XK_Control_L), press, CurrentTime);
}

void
ui_key (GtkWidget *window, guint keyval, GdkModifierType mods)
{
  Display *dpy = x_display (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  KeyCode code = XKeysymToKeycode (dpy, keyval);

  g_assert_cmpuint (code, !=, 0);
  /* No window manager gives the focus under Xvfb: the test does. */
  XSetInputFocus (dpy, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  flush_input (window);
  modifier (dpy, mods, True);
  XTestFakeKeyEvent (dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, False, CurrentTime);
  modifier (dpy, mods, False);
  flush_input (window);
}

/* ---- running a scenario ---------------------------------------------------- */

static void
on_activate (GApplication *app, gpointer data)
{
  Run *run = data;
  BsAppContext *context = bs_application_get_context (BS_APPLICATION (app));
  g_autofree char *root = g_build_filename (run->h->data_dir, "root.pem", NULL);
  g_autofree char *out = g_build_filename (run->h->root, "signed", NULL);
  BsWindow *window;

  bs_app_context_set_server (context, run->h->base_url, NULL);
  bs_app_context_add_trust (context, root);
  bs_settings_set_string (bs_app_context_get_settings (context), "output-folder", out);
  window = bs_window_new (BS_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  ui_settle ();
  run->scenario (window, run->h);
  /* Closing the window as a person does: whatever it holds is taken apart
   * here, under fatal criticals. */
  gtk_window_close (GTK_WINDOW (window));
  ui_settle ();
  g_application_quit (app);
}

typedef struct {
  UiScenario   scenario;
  UiArguments  arguments;
} Case;

static void
run_scenario (gconstpointer data)
{
  const Case *c = data;
  Run run = { c->scenario, ds_harness_start (FALSE) };
  g_autoptr(BsApplication) app = bs_application_new ();
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (args, "besign");
  if (c->arguments != NULL)
    {
      g_auto(GStrv) extra = c->arguments (run.h);
      g_strv_builder_addv (args, (const char **) extra);
    }
  argv = g_strv_builder_end (args);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), (int) g_strv_length (argv), argv), ==, 0);
  ds_harness_free (run.h);
}

void
ui_add_with_arguments (const char *path, UiScenario scenario, UiArguments arguments)
{
  Case *c = g_new0 (Case, 1);

  /* Lives as long as the test program. */
  c->scenario = scenario;
  c->arguments = arguments;
  g_test_add_data_func (path, c, run_scenario);
}

void
ui_add (const char *path, UiScenario scenario)
{
  ui_add_with_arguments (path, scenario, NULL);
}

void
ui_init (int *argc, char ***argv, const char *language)
{
  g_autofree char *home = g_dir_make_tmp ("besign-ui-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  const char *wanted = g_getenv ("BESIGN_UI_LANGUAGE");

  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  /* The run's language (the Indonesian run), else the test's, else
   * English; "" keeps the environment's, as a person's desktop gives it. */
  if (language == NULL || *language != '\0' || wanted != NULL)
    {
      g_setenv ("LANGUAGE", wanted ? wanted : language ? language : "C", TRUE);
      /* gettext translates nothing in the C locale. */
      g_unsetenv ("LC_ALL");
      g_setenv ("LANG", "C.UTF-8", TRUE);
    }
  bs_locale_init ();
  /* Settings and imported files of this run only. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_test_init (argc, argv, NULL);
  /* Warnings are fatal as well as criticals (g_test_init's default):
   * GTK's "did not receive a focus-out" and the like fail the test. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}
