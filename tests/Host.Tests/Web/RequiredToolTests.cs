namespace JuniperFts.Host.Tests.Web;

public class RequiredToolTests
{
    [Fact]
    public void Find_NotOnPath_OneLineSayingWhatToInstall()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RequiredTool.Find("fts-no-such-tool", RequiredTool.NodeJs));

        Assert.Equal("fts-no-such-tool is not on PATH: " + RequiredTool.NodeJs, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Find_OnPath_TheExecutable()
    {
        // sh is on every machine the tests run on; its path is a real file.
        var sh = OperatingSystem.IsWindows() ? RequiredTool.Find("cmd", "") : RequiredTool.Find("sh", "");

        Assert.True(File.Exists(sh));
    }
}
