package dev.reprolab.remote;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.Test;

/** PowerShell's serialized stderr turned back into the error text a person reads. */
public class ClixmlTest {

    /** powershell.exe 5 -EncodedCommand "Write-Error 'Error'" with redirected output, as pywinrm's tests capture it. */
    static final String WRITE_ERROR = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
            + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>"
            + "<MS><I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI>"
            + "<PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>"
            + "<S S=\"Error\">Write-Error 'Error' : Error_x000D__x000A_</S>"
            + "<S S=\"Error\">    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException_x000D__x000A_</S>"
            + "<S S=\"Error\">    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException_x000D__x000A_</S>"
            + "<S S=\"Error\"> _x000D__x000A_</S></Objs>";

    @Test
    public void theErrorTextIsKeptAndProgressDropped() {
        String plain = Clixml.plain(WRITE_ERROR);
        assertTrue(plain.startsWith("Write-Error 'Error' : Error\r\n    + CategoryInfo          : NotSpecified: (:) [Write-Error]"), plain);
        assertFalse(plain.contains("Preparing modules"), plain);
        assertFalse(plain.contains("CLIXML"), plain);
    }

    @Test
    public void textThatIsNotClixmlStaysAsItIs() {
        assertEquals(Clixml.plain("Access is denied.\r\n"), "Access is denied.\r\n");
        assertEquals(Clixml.plain("#< CLIXML\r\n<Objs broken"), "#< CLIXML\r\n<Objs broken");
    }

    @Test
    public void escapesRoundTrip() {
        String s = "a_xb\r\n<&>\ttab";
        String xml = "#< CLIXML\r\n<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><S S=\"Error\">" + Clixml.escape(s) + "</S></Objs>";
        assertEquals(Clixml.plain(xml), s);
    }
}
