/* bs-dialog.c — see bs-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-dialog.h"

typedef struct {
  BsAppContext *context;
} BsDialogPrivate;

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (BsDialog, bs_dialog, GTK_TYPE_WINDOW)

static void
bs_dialog_dispose (GObject *object)
{
  BsDialogPrivate *priv = bs_dialog_get_instance_private (BS_DIALOG (object));

  g_clear_object (&priv->context);
  G_OBJECT_CLASS (bs_dialog_parent_class)->dispose (object);
}

static void
bs_dialog_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsDialogPrivate *priv = bs_dialog_get_instance_private (BS_DIALOG (object));

  if (id == PROP_CONTEXT)
    g_value_set_object (value, priv->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_dialog_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  BsDialogPrivate *priv = bs_dialog_get_instance_private (BS_DIALOG (object));

  if (id == PROP_CONTEXT)
    priv->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_dialog_class_init (BsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bs_dialog_dispose;
  object_class->get_property = bs_dialog_get_property;
  object_class->set_property = bs_dialog_set_property;
  props[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, BS_TYPE_APP_CONTEXT,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  /* GtkWindow has no Escape binding of its own (GtkDialog's is gone in
   * GTK 4); "window.close" goes through close-request, so a dialog that
   * must not close yet can refuse. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bs_dialog_init (BsDialog *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
}

BsAppContext *
bs_dialog_get_context (BsDialog *self)
{
  BsDialogPrivate *priv = bs_dialog_get_instance_private (self);

  return priv->context;
}

void
bs_dialog_dispose_template (BsDialog *self, GType type)
{
  /* The focus goes first: a focused GtkPasswordEntry's text would outlive
   * the entry (the window holds it) and tell the freed entry it lost the
   * focus. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), type);
}
