using MudBlazor;

namespace MeshStudio.Web.Components.Layout;

internal static class MeshTheme
{
    // System fonts: the machines this runs on have no internet for web fonts.
    private static readonly string[] Fonts = ["Inter", "Segoe UI", "Liberation Sans", "Helvetica", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3559e0",
            Secondary = "#0f9d8a",
            AppbarBackground = "#1b2440",
            Background = "#f5f7fb",
            DrawerBackground = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H4 = new H4Typography { FontFamily = Fonts, FontSize = "1.6rem", FontWeight = "600" },
            H5 = new H5Typography { FontFamily = Fonts, FontSize = "1.25rem", FontWeight = "600" },
            H6 = new H6Typography { FontFamily = Fonts, FontSize = "1.05rem", FontWeight = "600" },
        },
    };
}
