/* bs-window.c — see bs-window.h; the actions are in bs-window-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-window-private.h"
#include "bs-bsre-signer-id.h"
#include "bs-documents-page.h"
#include "bs-login-page.h"
#include "bs-otp-page.h"
#include "bs-verify-page.h"
#include "bs-welcome-page.h"

#include <glib/gi18n.h>

enum { PROP_0, PROP_CONTEXT, PROP_PAGE, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsWindow, bs_window, GTK_TYPE_APPLICATION_WINDOW)

GtkWidget *
bs_window_page (BsWindow *self, const char *name)
{
  return gtk_stack_get_child_by_name (self->pages, name);
}

void
bs_window_show_page (BsWindow *self, const char *name)
{
  gboolean can_sign = bs_app_context_can_sign (self->context);

  /* Signing needs no login twice. */
  if (can_sign && g_str_equal (name, "login"))
    name = "documents";
  if (bs_window_page (self, name) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->pages, name);
  /* Without a login, every page but the welcome leads back to it. */
  gtk_widget_set_visible (self->back_button, !can_sign && !g_str_equal (name, "welcome"));
}

BsAppContext *
bs_window_get_context (BsWindow *self)
{
  g_return_val_if_fail (BS_IS_WINDOW (self), NULL);

  return self->context;
}

static void
show_user (BsWindow *self)
{
  BsBsreUser *user = bs_app_context_get_user (self->context);
  const char *p12 = bs_app_context_get_local_certificate (self->context);
  /* An Esign Client Service names the signer by NIK or e-mail only. */
  g_autofree char *name = user ? g_strdup (user->name ? user->name : bs_bsre_user_signer_id (user))
                          : p12 ? g_path_get_basename (p12) : NULL;

  gtk_widget_set_visible (self->user_button, name != NULL);
  if (name != NULL)
    gtk_menu_button_set_label (GTK_MENU_BUTTON (self->user_button), name);
  bs_window_update_actions (self);
}

static void
on_can_sign (BsWindow *self)
{
  const char *shown = gtk_stack_get_visible_child_name (self->pages);

  show_user (self);
  if (bs_app_context_can_sign (self->context))
    bs_window_show_page (self, "documents");
  else if (g_strcmp0 (shown, "welcome") != 0 && g_strcmp0 (shown, "verify") != 0)
    bs_window_show_page (self, "login");
  else
    bs_window_show_page (self, shown);
}

static void
on_page_changed (BsWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PAGE]);
}

static void
add_page (BsWindow *self, GType type, const char *name)
{
  gtk_stack_add_named (self->pages, g_object_new (type, "context", self->context, NULL), name);
}

static void
bs_window_constructed (GObject *object)
{
  BsWindow *self = BS_WINDOW (object);

  G_OBJECT_CLASS (bs_window_parent_class)->constructed (object);
  g_return_if_fail (self->context != NULL);
  add_page (self, BS_TYPE_WELCOME_PAGE, "welcome");
  add_page (self, BS_TYPE_LOGIN_PAGE, "login");
  add_page (self, BS_TYPE_OTP_PAGE, "otp");
  add_page (self, BS_TYPE_DOCUMENTS_PAGE, "documents");
  add_page (self, BS_TYPE_VERIFY_PAGE, "verify");
  g_signal_connect_object (self->context, "notify::can-sign", G_CALLBACK (on_can_sign), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::user", G_CALLBACK (show_user), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::kind", G_CALLBACK (bs_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pages, "notify::visible-child-name", G_CALLBACK (on_page_changed), self,
                           G_CONNECT_SWAPPED);
  show_user (self);
  bs_window_show_page (self, "welcome");
}

static void
bs_window_dispose (GObject *object)
{
  BsWindow *self = BS_WINDOW (object);

  /* The pages first, while the context they hold is still whole; the
   * window lets go of its child itself (unparenting it under the window
   * would leave GtkWindow a dangling child), after the focus (see
   * bs_dialog_dispose_template()). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BS_TYPE_WINDOW);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (bs_window_parent_class)->dispose (object);
}

static void
bs_window_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsWindow *self = BS_WINDOW (object);

  switch (id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_PAGE: g_value_set_string (value, self->pages ? gtk_stack_get_visible_child_name (self->pages) : NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_window_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  if (id == PROP_CONTEXT)
    BS_WINDOW (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_window_class_init (BsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bs_window_constructed;
  object_class->dispose = bs_window_dispose;
  object_class->get_property = bs_window_get_property;
  object_class->set_property = bs_window_set_property;
  props[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, BS_TYPE_APP_CONTEXT,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_PAGE] = g_param_spec_string ("page", NULL, NULL, NULL,
                                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, user_button);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, pages);
  bs_window_class_install_actions (widget_class);
}

static void
bs_window_init (BsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BsWindow *
bs_window_new (BsApplication *app)
{
  return g_object_new (BS_TYPE_WINDOW, "application", app, "context", bs_application_get_context (app), NULL);
}
