/**
 * Networks: a parameter layout plus a recipe that builds the forward map for any batch size, with their homogeneity
 * degree and a default initialization of scale α: the linear model, MLPs (with batch or layer norm), deep linear
 * networks, factorized matrices for sensing and completion, and diagonal networks.
 */
package org.sgdlab.nn.model;
