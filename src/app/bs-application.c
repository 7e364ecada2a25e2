/* bs-application.c — see bs-application.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-application.h"
#include "bs-window.h"

#include <glib/gi18n.h>

struct _BsApplication {
  GtkApplication  parent_instance;
  BsAppContext   *context;
};

G_DEFINE_FINAL_TYPE (BsApplication, bs_application, GTK_TYPE_APPLICATION)

static BsWindow *
main_window (BsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return window ? BS_WINDOW (window) : bs_window_new (self);
}

static void
bs_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (main_window (BS_APPLICATION (app))));
}

static void
bs_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  BsWindow *window = main_window (BS_APPLICATION (app));
  GVariantBuilder uris;

  gtk_window_present (GTK_WINDOW (window));
  g_variant_builder_init (&uris, G_VARIANT_TYPE_STRING_ARRAY);
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_variant_builder_add (&uris, "s", uri);
    }
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open-files", g_variant_builder_end (&uris));
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/id/besign/Desktop/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The application's icon travels in its resources: the About dialog and
 * the window have it even when nothing is installed. */
static void
load_icons (void)
{
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/id/besign/Desktop/icons");
  gtk_window_set_default_icon_name (BS_APPLICATION_ID);
}

static void
bs_application_startup (GApplication *app)
{
  const char *open_keys[] = { "<Control>o", NULL };
  const char *help_keys[] = { "F1", NULL };

  G_APPLICATION_CLASS (bs_application_parent_class)->startup (app);
  load_css ();
  load_icons ();
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_keys);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.about", help_keys);
}

/* --server, --cacert and --trust point the window at a service and its
 * anchors without touching the user's settings (demo, tests). */
static int
on_options (GApplication *app, GVariantDict *options, gpointer data)
{
  BsApplication *self = BS_APPLICATION (app);
  const char *server = NULL, *cacert = NULL, *tsa = NULL;
  g_autofree const char **trust = NULL;

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "cacert", "^&ay", &cacert);
  if (server != NULL)
    bs_app_context_set_server (self->context, server, cacert);
  /* For this run only: the user's settings file stays as it is. */
  if (g_variant_dict_lookup (options, "tsa", "&s", &tsa))
    bs_app_context_set_tsa_override (self->context, tsa);
  if (g_variant_dict_lookup (options, "trust", "^a&ay", &trust))
    for (const char **t = trust; *t != NULL; t++)
      bs_app_context_add_trust (self->context, *t);
  return -1;
}

static void
bs_application_finalize (GObject *object)
{
  g_clear_object (&BS_APPLICATION (object)->context);
  G_OBJECT_CLASS (bs_application_parent_class)->finalize (object);
}

static void
bs_application_class_init (BsApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bs_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = bs_application_activate;
  G_APPLICATION_CLASS (klass)->open = bs_application_open;
  G_APPLICATION_CLASS (klass)->startup = bs_application_startup;
}

static void
bs_application_init (BsApplication *self)
{
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL, N_("BSrE service address (instead of the configured one)"), N_("URL") },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Extra CA certificate (PEM) to trust for a server with a private CA"), N_("FILE") },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, N_("Also trust these certificates when verifying; repeatable"), N_("FILE|DIR") },
    { "tsa", 0, 0, G_OPTION_ARG_STRING, NULL, N_("RFC 3161 time-stamp authority (instead of the configured one)"), N_("URL") },
    { NULL }
  };

  self->context = bs_app_context_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_signal_connect (self, "handle-local-options", G_CALLBACK (on_options), NULL);
}

BsApplication *
bs_application_new (void)
{
  /* NON_UNIQUE: every launch gets its own --server and session, which
   * keeps tests and the demo apart from a running copy. */
  return g_object_new (BS_TYPE_APPLICATION, "application-id", BS_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE, NULL);
}

BsAppContext *
bs_application_get_context (BsApplication *self)
{
  return self->context;
}
