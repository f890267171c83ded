// Placeholder translation unit for a layer with no code yet (see cmake/Warnings.cmake).
