/* bs-page.c — see bs-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-page.h"

typedef struct {
  BsAppContext *context;
} BsPagePrivate;

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (BsPage, bs_page, GTK_TYPE_BOX)

static void
bs_page_dispose (GObject *object)
{
  BsPagePrivate *priv = bs_page_get_instance_private (BS_PAGE (object));

  g_clear_object (&priv->context);
  G_OBJECT_CLASS (bs_page_parent_class)->dispose (object);
}

static void
bs_page_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsPagePrivate *priv = bs_page_get_instance_private (BS_PAGE (object));

  if (id == PROP_CONTEXT)
    g_value_set_object (value, priv->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_page_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  BsPagePrivate *priv = bs_page_get_instance_private (BS_PAGE (object));

  if (id == PROP_CONTEXT)
    priv->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_page_class_init (BsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bs_page_dispose;
  object_class->get_property = bs_page_get_property;
  object_class->set_property = bs_page_set_property;
  props[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, BS_TYPE_APP_CONTEXT,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
bs_page_init (BsPage *self)
{
}

BsAppContext *
bs_page_get_context (BsPage *self)
{
  BsPagePrivate *priv = bs_page_get_instance_private (self);

  return priv->context;
}

void
bs_page_show (BsPage *self, const char *name)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", name);
}
