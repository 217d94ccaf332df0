/** Networks: a parameter layout plus a recipe that builds the forward map for any batch size (MLP, linear model). */
package org.sgdlab.nn.model;
