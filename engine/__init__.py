"""The machinery every codemod shares. It knows nothing of Phoenix."""
